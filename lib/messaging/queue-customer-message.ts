import type { TenantTx } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";

/**
 * Hands a stored outbound message (conversations row, `pending`) to the job that sends it on its channel, in the
 * caller's transaction: the message and its job are stored together or not at all.
 */
export async function queueCustomerMessage(
  tx: TenantTx,
  message: { conversationId: string; leadId: string; channel: "email" | "sms" },
): Promise<void> {
  const payload = {
    conversationId: message.conversationId,
    leadId: message.leadId,
    dealershipId: tx.dealershipId,
  };
  if (message.channel === "email") await enqueue("customer.send-email", payload, { tx });
  else await enqueue("customer.send-sms", payload, { tx });
}
