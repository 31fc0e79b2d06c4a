import { and, eq } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant } from "../db/tenant.ts";
import { markMessageDelivery, recordMessageSent } from "./record-message-delivery.ts";
import { getSmsSender } from "../integrations/sms/sms.ts";
import { isSuppressed } from "../suppressions/is-suppressed.ts";

export type CustomerSmsOutcome = { status: "sent" | "skipped"; reason?: string };

/**
 * The sms.reply job: one stored outbound SMS (a rep's reply) → the customer's phone through the SMS port.
 * Idempotent like email.send: only a pending or failed message is sent, and the outbox idempotency key makes a
 * retry after a crash mid-send return the first send. Then the lead is contacted (recordMessageSent).
 */
export async function sendCustomerSms(payload: {
  conversationId: string;
  leadId: string;
  dealershipId: string;
}): Promise<CustomerSmsOutcome> {
  const { conversationId, leadId, dealershipId } = payload;
  const started = Date.now();
  const loaded = await withTenant(dealershipId, async (tx) => {
    const [row] = await tx
      .select({ message: conversations, phone: leads.phoneNormalized })
      .from(conversations)
      .innerJoin(leads, eq(leads.id, conversations.leadId))
      .where(
        and(
          eq(conversations.id, conversationId),
          eq(conversations.leadId, leadId),
          eq(conversations.dealershipId, dealershipId),
        ),
      );
    if (!row) return null;
    const suppressed = await isSuppressed(tx, dealershipId, { phone: row.phone });
    return { ...row, suppressed: suppressed.sms };
  });
  if (!loaded) return { status: "skipped", reason: "message_not_found" };
  const status = loaded.message.deliveryStatus;
  if (status !== "pending" && status !== "failed") return { status: "skipped", reason: `already_${status}` };
  if (!loaded.phone || loaded.suppressed) {
    await markMessageDelivery(payload, {
      deliveryStatus: "failed",
      deliveryError: loaded.phone ? "suppressed" : "no_phone",
    });
    return { status: "skipped", reason: loaded.phone ? "suppressed" : "no_phone" };
  }
  let sent;
  try {
    sent = await getSmsSender().sendSms({
      dealershipId,
      leadId,
      to: loaded.phone,
      body: loaded.message.messageContent,
      idempotencyKey: `reply-sms:${conversationId}`,
    });
  } catch (err) {
    await markMessageDelivery(payload, {
      deliveryStatus: "failed",
      deliveryError: (err as Error).message.slice(0, 500),
    });
    throw err;
  }
  await withTenant(dealershipId, async (tx) => {
    await recordMessageSent(tx, payload, sent, new Date());
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId,
      type: "sms.sent",
      actorType: "system",
      data: {
        kind: "reply",
        conversationId,
        outboxId: sent.outboxId,
        durationMs: Date.now() - started,
        ...(sent.duplicate && { duplicate: true }),
      },
    });
  });
  return { status: "sent" };
}
