import type { Tenant } from "../db/tenant.ts";
import { deliverSms } from "../deliveries/deliver-sms.ts";
import type { SentMessage } from "../deliveries/send-recorded-message.ts";

export type UserSms = {
  /** E.164, e.g. +4791234567 */
  to: string;
  body: string;
  /** Same key twice → sent once. */
  idempotencyKey?: string;
  /** The lead it is about, if any. */
  leadId?: string;
  /** A verification code: stored redacted in production, so the outbox never shows it to an admin. */
  containsSecret?: boolean;
};

/**
 * A text to one of the dealership's users (a phone verification code, a lead waiting, a daily summary): the
 * SMS twin of sendUserEmail, through the same delivery ledger (in development it lands in Settings → Utboks).
 */
export async function sendUserSms(tenant: Tenant, sms: UserSms): Promise<SentMessage> {
  return deliverSms(tenant, sms);
}
