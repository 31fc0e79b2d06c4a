import { getEnv } from "../../env.ts";
import { TWILIO_SMS_PATH } from "../integrations/sms/sms.ts";

/** The URL to set as a Twilio number's "A message comes in" webhook: APP_URL (public) + the route's path. */
export function getSmsWebhookUrl(): string {
  return new URL(TWILIO_SMS_PATH, getEnv().APP_URL).href;
}
