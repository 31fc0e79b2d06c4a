import { getEnv } from "../../../env.ts";
import { createDevMailer } from "./dev-mailer.ts";
import type { Mailer } from "./mailer.ts";
import { createResendMailer } from "./resend-mailer.ts";

let mailer: Mailer | undefined;

/** The one place that picks the adapter: Resend when RESEND_API_KEY is set, else the dev adapter (outbox only). */
export function getMailer(): Mailer {
  if (!mailer) {
    const env = getEnv();
    mailer = env.RESEND_API_KEY
      ? createResendMailer({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL })
      : createDevMailer();
  }
  return mailer;
}

/**
 * Tests: use this adapter (e.g. createResendMailer pointed at tests/fakes/resend-server.ts) until called again;
 * undefined goes back to choosing from the environment. getEnv() is read once per process, so switching
 * environment variables mid-test would not switch adapters.
 */
export function setMailerForTests(adapter: Mailer | undefined): void {
  mailer = adapter;
}
