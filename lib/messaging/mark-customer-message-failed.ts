import { and, eq, sql } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";

/**
 * A customer.send-email / customer.send-sms job failed for good: its message, if it never reached the vendor and
 * is still `pending`/`queued` (every attempt expired, or the worker died mid-send), is marked `failed` with the reason, so
 * the lead page shows it with "Prøv igjen". A message already sent, or failed with the vendor's own reason, is
 * left as it is. False when nothing was pending.
 */
export async function markCustomerMessageFailed(
  tenant: Tenant,
  input: { conversationId: string; reason: string },
): Promise<boolean> {
  return withTenant(tenant.dealershipId, (tx) => failUnsentMessage(tx, input));
}

/** In the caller's transaction: an outbound message that never reached the vendor ends `failed` with the reason. */
export async function failUnsentMessage(
  tx: TenantTx,
  input: { conversationId: string; reason: string },
): Promise<boolean> {
  const rows = await tx
    .update(conversations)
    .set({ deliveryStatus: "failed", deliveryError: input.reason.slice(0, 500) })
    .where(
      and(
        eq(conversations.id, input.conversationId),
        eq(conversations.dealershipId, tx.dealershipId),
        sql`${conversations.deliveryStatus} in ('pending', 'queued')`,
      ),
    )
    .returning({ id: conversations.id });
  return rows.length > 0;
}
