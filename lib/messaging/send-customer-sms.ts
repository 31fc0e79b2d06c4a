import { and, eq, sql } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { deliverSms } from "../deliveries/deliver-sms.ts";
import { isSuppressed } from "../suppressions/is-suppressed.ts";
import { deliverConversationMessage, markMessageDelivery } from "./record-message-delivery.ts";
import type { CustomerMessageOutcome } from "./send-customer-email.ts";

/**
 * The customer.send-sms job: one stored outbound SMS (a rep's reply, an approved AI answer) → the customer's phone
 * through the SMS port, from the dealership's own number or sender id when it has one.
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
      .select({
        message: conversations,
        phone: leads.phoneNormalized,
        // The dealership's own number first: the customer can answer it. A sender id cannot be answered.
        from: sql<string | null>`coalesce(${dealerships.smsNumber}, ${dealerships.smsSenderId})`,
      })
      .from(conversations)
      .innerJoin(leads, eq(leads.id, conversations.leadId))
      .innerJoin(dealerships, eq(dealerships.id, conversations.dealershipId))
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
  const { phone } = loaded;
  await deliverConversationMessage(
    tenant,
    { leadId, conversationId },
    () =>
      deliverSms(tenant, {
        leadId,
        to: phone,
        from: loaded.from,
        body: loaded.message.messageContent,
        idempotencyKey: `reply-sms:${conversationId}`,
      }),
    { type: "sms.sent", data: () => ({ kind: "reply", durationMs: Date.now() - started }) },
  );
  return { status: "sent" };
}
