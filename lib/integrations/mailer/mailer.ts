import { getEnv } from "../../../env.ts";
import { createOutboxMailer } from "./outbox-mailer.ts";

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

/** The one place that picks the adapter. With no vendor keys set, mail lands in outbox_messages. */
export function getMailer(): Mailer {
  mailer ??= createOutboxMailer();
  return mailer;
}

/** MAIL_FROM's address under the given display name (quotes escaped); MAIL_FROM as it is without one. */
export function formatFrom(displayName: string | undefined, mailFrom = getEnv().MAIL_FROM): string {
  if (!displayName) return mailFrom;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `"${displayName.replace(/["\\\r\n]/g, "")}" <${address}>`;
}
