import type { TenantTx } from "../db/tenant.ts";
import { isAppError } from "../errors.ts";
import { suppressAddressInTx } from "../suppressions/suppress-address.ts";
import type { OutboxMessageRef } from "./apply-delivery-status.ts";
import { getLogger } from "../log/logger.ts";

/**
 * Puts the recipient of a bounced, complained-about or opted-out message on the dealership's suppression list,
 * in the caller's transaction. An address the list cannot store (a short code, a number that does not parse) is
 * skipped: the status update must not be lost over it, and that address gets no new messages from us anyway.
 */
export async function suppressDeliveryAddress(
  tx: TenantTx,
  message: OutboxMessageRef,
  reason: "hard_bounce" | "complaint" | "unsubscribe",
): Promise<void> {
  const address = /<([^>]+)>/.exec(message.toAddress)?.[1] ?? message.toAddress;
  try {
    await suppressAddressInTx(tx, {
      channel: message.channel,
      address,
      reason,
      ...(message.leadId && { leadId: message.leadId }),
    });
  } catch (err) {
    // Validation happens before any statement, so the transaction is still usable.
    if (!isAppError(err) || err.code !== "bad_request") throw err;
    getLogger("delivery").warn(`not suppressing outbox message ${message.id}'s address: ${err.message}`);
  }
}
