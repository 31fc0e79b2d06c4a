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
