import { getEnv } from "../../../env.ts";
import { createOutboxMailer } from "./outbox-mailer.ts";
import { createResendMailer } from "./resend-mailer.ts";

export type OutgoingEmail = {
  dealershipId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  leadId?: string;
  /** Same key twice → the second call returns the first message instead of sending again. */
  idempotencyKey?: string;
  /** The body carries a sign-in link (reset, verification, invitation): the stored copy hides it in production. */
  containsSecret?: boolean;
  /** Display name before MAIL_FROM's address, e.g. the dealership: `"Fjordbil AS" <no-reply@norvalt.no>`. */
  fromName?: string;
  replyTo?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
};

export type SentMessage = { outboxId: string; providerMessageId: string | null; duplicate: boolean };

export interface Mailer {
  readonly provider: string;
  sendEmail(email: OutgoingEmail): Promise<SentMessage>;
}

let mailer: Mailer | undefined;

/** The one place that picks the adapter: Resend when RESEND_API_KEY is set, else mail lands in outbox_messages. */
export function getMailer(): Mailer {
  if (!mailer) {
    const env = getEnv();
    mailer = env.RESEND_API_KEY
      ? createResendMailer({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL })
      : createOutboxMailer();
  }
  return mailer;
}

/**
 * Tests: use this adapter (e.g. createResendMailer pointed at tests/fakes/resend-server.ts) until called again;
 * undefined goes back to choosing from the environment. getEnv() is read once per process, so switching
 * environment variables mid-test would not switch adapters.
 */
export function setMailerForTests(adapter: Mailer | undefined): void {
  mailer = adapter;
}

/** MAIL_FROM's address under the given display name (quotes escaped); MAIL_FROM as it is without one. */
export function formatFrom(displayName: string | undefined, mailFrom = getEnv().MAIL_FROM): string {
  if (!displayName) return mailFrom;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `"${displayName.replace(/["\\\r\n]/g, "")}" <${address}>`;
}
