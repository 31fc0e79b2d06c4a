import { recordOutboxMessage } from "../outbox/record-outbox-message.ts";
import { formatFrom, type Mailer } from "./mailer.ts";

/** Dev adapter: nothing leaves the machine; Settings → Outbox shows what would have been sent. */
export function createOutboxMailer(): Mailer {
  return {
    provider: "outbox",
    async sendEmail(email) {
      const { id, duplicate } = await recordOutboxMessage(
        {
          dealershipId: email.dealershipId,
          channel: "email",
          provider: "outbox",
          toAddress: email.to,
          fromAddress: formatFrom(email.fromName),
          replyTo: email.replyTo,
          headers: email.headers ?? {},
          subject: email.subject,
          bodyText: email.text,
          bodyHtml: email.html,
          leadId: email.leadId,
          idempotencyKey: email.idempotencyKey,
          status: "sent",
          sentAt: new Date(),
        },
        { containsSecret: email.containsSecret },
      );
      return { outboxId: id, providerMessageId: null, duplicate };
    },
  };
}
