import { createHash } from "node:crypto";
import { Resend } from "resend";
import { sendRecordedMessage } from "../outbox/send-recorded-message.ts";
import { formatFrom, type Mailer } from "./mailer.ts";

const TIMEOUT_MS = 15_000;

/**
 * Real e-mail through Resend. `baseUrl` points the SDK elsewhere (tests' loopback fake, a proxy). Each message is
 * recorded in outbox_messages before the call and sent with an Idempotency-Key, so a retried job neither sends a
 * second e-mail nor loses track of the first.
 */
export function createResendMailer({ apiKey, baseUrl }: { apiKey: string; baseUrl?: string }): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    provider: "resend",
    async sendEmail(email) {
      const from = formatFrom(email.fromName);
      return sendRecordedMessage(
        {
          dealershipId: email.dealershipId,
          channel: "email",
          provider: "resend",
          toAddress: email.to,
          fromAddress: from,
          replyTo: email.replyTo,
          headers: email.headers ?? {},
          subject: email.subject,
          bodyText: email.text,
          bodyHtml: email.html,
          leadId: email.leadId,
          idempotencyKey: email.idempotencyKey,
        },
        async (outboxId) => {
          const { data, error } = await resend.emails
            .send(
              {
                from,
                to: email.to,
                subject: email.subject,
                text: email.text,
                ...(email.html && { html: email.html }),
                ...(email.replyTo && { replyTo: email.replyTo }),
                ...(email.headers && { headers: email.headers }),
              },
              {
                idempotencyKey: resendIdempotencyKey(email.dealershipId, email.idempotencyKey ?? outboxId),
                signal: AbortSignal.timeout(TIMEOUT_MS),
              },
            )
            // The SDK returns errors instead of throwing, except an abort; both end up as one failure here.
            .catch((err: unknown) => ({
              data: null,
              error: { statusCode: null, name: "network_error", message: String(err) },
            }));
          if (error || !data) {
            const reason = error
              ? `${error.statusCode ?? "no response"} ${error.name}: ${error.message}`
              : "empty answer";
            throw new Error(`Resend refused the e-mail (${reason})`);
          }
          return { providerMessageId: data.id, status: "sent" };
        },
        { containsSecret: email.containsSecret },
      );
    },
  };
}

/**
 * Our keys are unique per dealership; Resend's are per account, shared by every dealership, so the dealership is
 * part of the key. Resend allows 256 characters: a longer key is hashed.
 */
export function resendIdempotencyKey(dealershipId: string, key: string): string {
  const scoped = `${dealershipId}:${key}`;
  return scoped.length <= 256
    ? scoped
    : `${dealershipId}:sha256:${createHash("sha256").update(key).digest("hex")}`;
}
