import type { VendorSmsStatus } from "./map-twilio-status.ts";

/** One SMS as the vendor gets it. Recording it (outbox, idempotency, status) is the caller's ledger's job. */
export type SmsMessage = {
  /** E.164, e.g. +4791234567 (see isE164). */
  to: string;
  body: string;
  /** The dealership's own number or alphanumeric sender id; the installation's sender when absent. */
  from?: string;
};

/** What the vendor said when it took the SMS. */
export type SmsReceipt = {
  /** Null from the dev adapter: nothing left the machine. */
  providerMessageId: string | null;
  status: VendorSmsStatus;
  /** For example the billed parts (`segments`) and the vendor's own status word. */
  metadata?: Record<string, unknown>;
};

export interface SmsSender {
  /** Stored on the outbox row; OUTBOX_PROVIDER for the dev adapter. */
  readonly provider: string;
  /** Also the sender the outbox row names. */
  readonly fromAddress: string;
  sendSms(sms: SmsMessage): Promise<SmsReceipt>;
}

/** The dev adapter's name: its messages exist only as outbox rows (Settings → Outbox). */
export const OUTBOX_PROVIDER = "outbox";

/** Path of app/api/webhooks/twilio/status; the route verifies signatures against APP_URL + this path. */
export const TWILIO_STATUS_PATH = "/api/webhooks/twilio/status";

/** Path of app/api/webhooks/twilio/sms, where Twilio posts the customers' messages (set on each number). */
export const TWILIO_SMS_PATH = "/api/webhooks/twilio/sms";

const E164 = /^\+[1-9]\d{6,14}$/;

/** What the port accepts as a recipient. Checked before anything is recorded: retrying cannot fix a number. */
export function isE164(phone: string): boolean {
  return E164.test(phone);
}
