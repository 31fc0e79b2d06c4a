import { getEnv } from "../../../env.ts";
import type { SentMessage } from "../mailer/mailer.ts";
import { createOutboxSms } from "./outbox-sms.ts";
import { createTwilioSms } from "./twilio-sms.ts";

export type OutgoingSms = {
  dealershipId: string;
  /** E.164, e.g. +4791234567 */
  to: string;
  body: string;
  leadId?: string;
  idempotencyKey?: string;
};

export interface SmsSender {
  readonly provider: string;
  sendSms(sms: OutgoingSms): Promise<SentMessage>;
}

let sender: SmsSender | undefined;

/**
 * The one place that picks the adapter: Twilio when its account, token and a sender are set, else SMS land in
 * outbox_messages. Status callbacks go to APP_URL, so it must be the public address in production.
 */
export function getSmsSender(): SmsSender {
  if (!sender) {
    const env = getEnv();
    sender =
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && (env.TWILIO_FROM || env.TWILIO_MESSAGING_SERVICE_SID)
        ? createTwilioSms({
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            from: env.TWILIO_FROM,
            messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
            baseUrl: env.TWILIO_BASE_URL,
            statusCallbackUrl: new URL(TWILIO_STATUS_PATH, env.APP_URL).href,
          })
        : createOutboxSms();
  }
  return sender;
}

/** Path of app/api/webhooks/twilio/status; the route verifies signatures against APP_URL + this path. */
export const TWILIO_STATUS_PATH = "/api/webhooks/twilio/status";

/** Tests: use this adapter until called again; undefined goes back to choosing from the environment. */
export function setSmsSenderForTests(adapter: SmsSender | undefined): void {
  sender = adapter;
}
