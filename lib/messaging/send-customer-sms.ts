import { and, eq } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { deliverSms } from "../deliveries/deliver-sms.ts";
import { isSuppressed } from "../suppressions/is-suppressed.ts";
import { markMessageDelivery, recordMessageSent } from "./record-message-delivery.ts";
import type { CustomerMessageOutcome } from "./send-customer-email.ts";

/**
 * The customer.send-sms job: one stored outbound SMS (a rep's reply) → the customer's phone through the SMS port.
 * Idempotent like customer.send-email: only a pending or failed message is sent, and the ledger's idempotency key
 * makes a retry after a crash mid-send return the first send. Then the lead is contacted (recordMessageSent).
 */
export async function sendCustomerSms(
  tenant: Tenant,
  { conversationId, leadId }: { conversationId: string; leadId: string },
): Promise<CustomerMessageOutcome> {
  const { dealershipId } = tenant;
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
    const suppressed = await isSuppressed(tx, { phone: row.phone });
    return { ...row, suppressed: suppressed.sms };
  });
  if (!loaded) return { status: "skipped", reason: "message_not_found" };
  const status = loaded.message.deliveryStatus;
  if (status !== "pending" && status !== "failed") return { status: "skipped", reason: `already_${status}` };
  if (!loaded.phone || loaded.suppressed) {
    const reason = loaded.phone ? "suppressed" : "no_phone";
    await markMessageDelivery(
      tenant,
      { conversationId },
      { deliveryStatus: "failed", deliveryError: reason },
    );
    return { status: "skipped", reason };
  }
  let sent;
  try {
    sent = await deliverSms(tenant, {
      leadId,
      to: loaded.phone,
      body: loaded.message.messageContent,
      idempotencyKey: `reply-sms:${conversationId}`,
    });
  } catch (err) {
    await markMessageDelivery(
      tenant,
      { conversationId },
      { deliveryStatus: "failed", deliveryError: (err as Error).message.slice(0, 500) },
    );
    throw err;
  }
  await withTenant(dealershipId, async (tx) => {
    await recordMessageSent(tx, { leadId, conversationId }, sent, new Date());
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
