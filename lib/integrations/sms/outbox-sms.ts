import { recordOutboxMessage } from "../outbox/record-outbox-message.ts";
import type { SmsSender } from "./sms.ts";

/** Dev adapter: the SMS is recorded in outbox_messages and shown in Settings → Outbox. */
export function createOutboxSms(): SmsSender {
  return {
    provider: "outbox",
    async sendSms(sms) {
      const { id, duplicate } = await recordOutboxMessage({
        dealershipId: sms.dealershipId,
        channel: "sms",
        provider: "outbox",
        toAddress: sms.to,
        fromAddress: "Norvalt",
        bodyText: sms.body,
        leadId: sms.leadId,
        idempotencyKey: sms.idempotencyKey,
        status: "sent",
        sentAt: new Date(),
      });
      return { outboxId: id, providerMessageId: null, duplicate };
    },
  };
}
