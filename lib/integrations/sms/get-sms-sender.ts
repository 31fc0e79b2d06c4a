import { getEnv } from "../../../env.ts";
import { createDevSms } from "./dev-sms.ts";
import { TWILIO_STATUS_PATH, type SmsSender } from "./sms.ts";
import { createTwilioSms } from "./twilio-sms.ts";

let sender: SmsSender | undefined;

/**
 * The one place that picks the adapter: Twilio when its account, token and a sender are set, else the dev adapter
 * (outbox only). Status callbacks go to APP_URL, so it must be the public address in production.
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
        : createDevSms();
  }
  return sender;
}

/** Tests: use this adapter until called again; undefined goes back to choosing from the environment. */
export function setSmsSenderForTests(adapter: SmsSender | undefined): void {
  sender = adapter;
}
