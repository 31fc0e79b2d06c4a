import type { Tenant } from "../db/tenant.ts";
import { getSmsSender } from "../integrations/sms/get-sms-sender.ts";
import { isE164 } from "../integrations/sms/sms.ts";
import { sendRecordedMessage, type SentMessage } from "./send-recorded-message.ts";

export type OutgoingSms = {
  /** E.164, e.g. +4791234567 */
  to: string;
  body: string;
  /** The dealership's own number or sender id (dealerships.sms_number / sms_sender_id); else the installation's. */
  from?: string | null;
  leadId?: string;
  /** Same key twice → the second call returns the first message instead of sending again. */
  idempotencyKey?: string;
  /** A one-time code: sent in full, stored redacted in production (see recordOutboxMessage). */
  containsSecret?: boolean;
};

/**
 * One SMS through the SMS port, with the ledger around it (outbox row first, idempotency, settle): the only way
 * an SMS leaves the app. A number that is not E.164 is refused before anything is recorded or sent.
 */
export async function deliverSms(tenant: Tenant, sms: OutgoingSms): Promise<SentMessage> {
  // Retrying cannot fix a malformed number; callers normalise (leads.phone_normalized is E.164).
  if (!isE164(sms.to)) throw new Error("SMS: the recipient is not an E.164 phone number");
  const sender = getSmsSender();
  return sendRecordedMessage(
    tenant,
    {
      channel: "sms",
      provider: sender.provider,
      toAddress: sms.to,
      fromAddress: sms.from || sender.fromAddress,
      bodyText: sms.body,
      leadId: sms.leadId,
      idempotencyKey: sms.idempotencyKey,
    },
    () => sender.sendSms({ to: sms.to, body: sms.body, ...(sms.from && { from: sms.from }) }),
    { containsSecret: sms.containsSecret },
  );
}
