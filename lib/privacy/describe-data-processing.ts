import { getEnv, type Env } from "../../env.ts";
import { EXPORT_TTL_HOURS } from "./run-person-export.ts";

export type Processor = {
  key: "anthropic" | "resend" | "twilio" | "meta" | "clerk" | "sendgrid";
  active: boolean;
};
export type Retention = {
  key: "leads" | "webhookRequests" | "ignoredEmails" | "exports" | "suppressions";
  value: number | null;
};

/** The windows housekeeping applies (lib/maintenance/purge-expired-records.ts and the privacy jobs). */
const WEBHOOK_LOG_DAYS = 14;
const IGNORED_EMAIL_DAYS = 30;

/**
 * The data-processing overview on /personvern, generated from this installation's configuration: which processors
 * are switched on (their keys are set) and how long each kind of data is kept. Nothing here is hand-maintained
 * text about vendors, so the page cannot claim a processor that is not in use.
 */
export function describeDataProcessing(env: Env = getEnv()): {
  processors: Processor[];
  retention: Retention[];
} {
  return {
    processors: [
      { key: "anthropic", active: Boolean(env.ANTHROPIC_API_KEY) },
      { key: "resend", active: Boolean(env.RESEND_API_KEY) },
      { key: "twilio", active: Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN) },
      { key: "meta", active: Boolean(env.FACEBOOK_APP_SECRET) },
      { key: "clerk", active: Boolean(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && env.CLERK_SECRET_KEY) },
      { key: "sendgrid", active: Boolean(env.INBOUND_EMAIL_WEBHOOK_SECRET) },
    ],
    retention: [
      { key: "leads", value: 24 },
      { key: "webhookRequests", value: WEBHOOK_LOG_DAYS },
      { key: "ignoredEmails", value: IGNORED_EMAIL_DAYS },
      { key: "exports", value: EXPORT_TTL_HOURS },
      { key: "suppressions", value: null },
    ],
  };
}
