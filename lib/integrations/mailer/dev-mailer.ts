import { OUTBOX_PROVIDER, type Mailer } from "./mailer.ts";

/**
 * Dev adapter: nothing leaves the machine. The sender's ledger row is the whole message (Settings → Outbox shows
 * what would have been sent), so there is nothing to do here but say it went.
 */
export function createDevMailer(): Mailer {
  return {
    provider: OUTBOX_PROVIDER,
    async sendEmail() {
      return { providerMessageId: null, status: "sent" };
    },
  };
}
