import { getEnv } from "../../../env.ts";

/** One e-mail as the vendor gets it. Recording it (outbox, idempotency, status) is the caller's ledger's job. */
export type EmailMessage = {
  /** Formatted sender, e.g. `"Fjordbil AS" <no-reply@norvalt.no>` (see formatFrom). */
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
  /** Unique across everything sent through the vendor account: a repeat is dropped by the vendor, not sent. */
  idempotencyKey: string;
};

/** What the vendor said when it took the e-mail. */
export type EmailReceipt = {
  /** Null from the dev adapter: nothing left the machine. */
  providerMessageId: string | null;
  status: "sent";
  metadata?: Record<string, unknown>;
};

export interface Mailer {
  /** Stored on the outbox row; OUTBOX_PROVIDER for the dev adapter. */
  readonly provider: string;
  sendEmail(email: EmailMessage): Promise<EmailReceipt>;
}

/** The dev adapter's name: its messages exist only as outbox rows (Settings → Outbox). */
export const OUTBOX_PROVIDER = "outbox";

/** MAIL_FROM's address under the given display name (quotes escaped); MAIL_FROM as it is without one. */
export function formatFrom(displayName: string | undefined, mailFrom = getEnv().MAIL_FROM): string {
  if (!displayName) return mailFrom;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return `"${displayName.replace(/["\\\r\n]/g, "")}" <${address}>`;
}
