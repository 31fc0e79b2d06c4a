import { and, eq } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";

/**
 * A customer.send-email / customer.send-sms job failed for good: its message, if it never reached the vendor and
 * is still `pending` (every attempt expired, or the worker died mid-send), is marked `failed` with the reason, so
 * the lead page shows it with "Prøv igjen". A message already sent, or failed with the vendor's own reason, is
 * left as it is. False when nothing was pending.
 */
export async function markCustomerMessageFailed(
  tenant: Tenant,
  input: { conversationId: string; reason: string },
): Promise<boolean> {
  const { dealershipId } = tenant;
  const rows = await withTenant(dealershipId, (tx) =>
    tx
      .update(conversations)
      .set({ deliveryStatus: "failed", deliveryError: input.reason.slice(0, 500) })
      .where(
        and(
          eq(conversations.id, input.conversationId),
          eq(conversations.dealershipId, dealershipId),
          eq(conversations.deliveryStatus, "pending"),
        ),
      )
      .returning({ id: conversations.id }),
  );
  return rows.length > 0;
}
