import { OUTBOX_PROVIDER, type SmsSender } from "./sms.ts";

/**
 * Dev adapter: nothing leaves the machine. The sender's ledger row is the whole message (Settings → Outbox shows
 * it), so there is nothing to do here but say it went.
 */
export function createDevSms(): SmsSender {
  return {
    provider: OUTBOX_PROVIDER,
    fromAddress: "Norvalt",
    async sendSms() {
      return { providerMessageId: null, status: "sent" };
    },
  };
}
