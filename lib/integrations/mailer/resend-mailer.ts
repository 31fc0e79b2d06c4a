import { createHash } from "node:crypto";
import { Resend } from "resend";
import type { Mailer } from "./mailer.ts";

const TIMEOUT_MS = 15_000;
// Resend refuses longer Idempotency-Keys.
const MAX_KEY_LENGTH = 256;

/**
 * Real e-mail through Resend. `baseUrl` points the SDK elsewhere (tests' loopback fake, a proxy). Every e-mail
 * carries an Idempotency-Key, so a retry after a crash between Resend's answer and the caller's record of it
 * does not send a second e-mail. A refusal, a timeout or a network failure throws.
 */
export function createResendMailer({ apiKey, baseUrl }: { apiKey: string; baseUrl?: string }): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    provider: "resend",
    async sendEmail(email) {
      const { data, error } = await resend.emails
        .send(
          {
            from: email.from,
            to: email.to,
            subject: email.subject,
            text: email.text,
            ...(email.html && { html: email.html }),
            ...(email.replyTo && { replyTo: email.replyTo }),
            ...(email.headers && { headers: email.headers }),
          },
          { idempotencyKey: clampKey(email.idempotencyKey), signal: AbortSignal.timeout(TIMEOUT_MS) },
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
  };
}

/** A key past Resend's limit is hashed; its first segment (the caller's scope) is kept readable. */
function clampKey(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  const scope = key.slice(0, key.indexOf(":") + 1);
  return `${scope}sha256:${createHash("sha256").update(key.slice(scope.length)).digest("hex")}`;
}
