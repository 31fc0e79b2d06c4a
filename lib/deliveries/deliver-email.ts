import type { Tenant } from "../db/tenant.ts";
import { getMailer } from "../integrations/mailer/get-mailer.ts";
import { formatFrom } from "../integrations/mailer/mailer.ts";
import { sendRecordedMessage, type SentMessage } from "./send-recorded-message.ts";

export type OutgoingEmail = {
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

/**
 * One e-mail through the mailer port, with the ledger around it (outbox row first, idempotency, settle): the
 * only way e-mail leaves the app. Throws when the vendor refuses it; the failure is recorded first.
 */
export async function deliverEmail(tenant: Tenant, email: OutgoingEmail): Promise<SentMessage> {
  const mailer = getMailer();
  const from = formatFrom(email.fromName);
  return sendRecordedMessage(
    tenant,
    {
      channel: "email",
      provider: mailer.provider,
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
    (outboxId) =>
      mailer.sendEmail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        replyTo: email.replyTo,
        headers: email.headers,
        // Our keys are unique per dealership; the vendor's account is shared by every dealership.
        idempotencyKey: `${tenant.dealershipId}:${email.idempotencyKey ?? outboxId}`,
      }),
    { containsSecret: email.containsSecret },
  );
}
