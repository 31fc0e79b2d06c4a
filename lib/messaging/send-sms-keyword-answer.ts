import type { Tenant } from "../db/tenant.ts";
import { deliverSms } from "../deliveries/deliver-sms.ts";
import { formatPhoneForDisplay } from "../leads/normalise-contact.ts";

export type KeywordAnswer = {
  keyword: "stop" | "help";
  to: string;
  /** The dealership's own number or sender id; the installation's sender when null. */
  from: string | null;
  dealershipName: string;
  dealershipPhone: string | null;
  leadId: string | null;
  /** The customer's MessageSid: one answer per keyword message, however often Twilio retries. */
  messageSid: string;
};

/**
 * The one answer to a Norwegian keyword Twilio does not handle itself (STOPP, AVMELD, HJELP): the confirmation
 * that no more SMS will come (the last one we send), or how to reach the dealership and how to stop.
 */
export async function sendSmsKeywordAnswer(tenant: Tenant, answer: KeywordAnswer): Promise<void> {
  const phone = answer.dealershipPhone ? ` eller ring ${formatPhoneForDisplay(answer.dealershipPhone)}` : "";
  const body =
    answer.keyword === "stop"
      ? `${answer.dealershipName}: Du er meldt av og får ikke flere SMS fra oss. Send START for å melde deg på igjen.`
      : `${answer.dealershipName}: Svar på denne meldingen for å skrive med oss${phone}. Send STOPP for å melde deg av.`;
  await deliverSms(tenant, {
    to: answer.to,
    from: answer.from,
    body,
    leadId: answer.leadId ?? undefined,
    idempotencyKey: `sms-keyword:${answer.messageSid}`,
  });
}
