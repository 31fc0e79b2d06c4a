import { and, eq } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import type { TenantTx } from "../db/tenant.ts";
import { cancelUnsentAiMessages } from "./cancel-unsent-ai-messages.ts";

/**
 * What every channel does once a customer's reply is stored on their lead, inside the caller's transaction: the
 * AI's unsent messages to them are cancelled (they answered something older), the lead moves up the inbox, and the
 * history says the customer replied. The caller adds its channel's own details to the event and queues the jobs.
 */
export async function recordCustomerReply(
  tx: TenantTx,
  {
    leadId,
    now,
    data,
  }: { leadId: string; now: Date; data: { channel: "email" | "sms" } & Record<string, unknown> },
): Promise<void> {
  const { dealershipId } = tx;
  const cancelled = await cancelUnsentAiMessages(tx, leadId, "customer_replied");
  await tx
    .update(leads)
    .set({ updatedAt: now })
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  await tx.insert(leadEvents).values({
    dealershipId,
    leadId,
    type: "customer.replied",
    actorType: "customer",
    data: { ...data, cancelledMessages: cancelled },
    createdAt: now,
  });
}
