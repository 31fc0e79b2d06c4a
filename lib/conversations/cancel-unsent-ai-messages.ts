import { and, eq, inArray } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import type { TenantTx } from "../db/tenant.ts";

// AI messages that have not reached the vendor yet. customer.send-email and customer.send-sms only send pending
// or failed messages, so a cancelled one stays unsent even if its job still runs.
const UNSENT = ["draft", "held", "pending", "failed"] as const;

/**
 * Stops the AI's unsent messages to a lead's customer, inside the caller's transaction: when a rep takes the lead
 * over, or the customer writes back before they went out. Returns how many were stopped.
 */
export async function cancelUnsentAiMessages(
  tx: TenantTx,
  leadId: string,
  reason: "taken_over" | "customer_replied",
): Promise<number> {
  const { dealershipId } = tx;
  const cancelled = await tx
    .update(conversations)
    .set({ deliveryStatus: "cancelled", deliveryError: reason })
    .where(
      and(
        eq(conversations.leadId, leadId),
        eq(conversations.dealershipId, dealershipId),
        eq(conversations.senderType, "ai"),
        eq(conversations.direction, "outbound"),
        inArray(conversations.deliveryStatus, [...UNSENT]),
      ),
    )
    .returning({ id: conversations.id });
  return cancelled.length;
}
