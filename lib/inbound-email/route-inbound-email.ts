import type { InboundWebhookScope } from "./find-inbound-target.ts";
import { findDealershipForRecipients } from "./find-inbound-target.ts";
import { readInboundRequest } from "./read-inbound-payload.ts";
import { storeInboundEmail } from "./store-inbound-email.ts";

export type RoutedInboundEmail =
  | { status: "stored" | "duplicate"; emailId: string; dealershipId: string }
  | { status: "unknown_recipient"; recipients: string[] };

/**
 * A received e-mail (SendGrid Inbound Parse, parsed or raw mode, or a bare message/rfc822) filed under its
 * dealership — the one whose webhook URL was called, else the one its recipients name — and stored with its
 * processing job. Only what must happen before the answer: everything that can fail on odd content runs in the job.
 */
export async function routeInboundEmail(
  scope: InboundWebhookScope,
  mail: { contentType: string; body: Buffer },
): Promise<RoutedInboundEmail> {
  const { payload, envelope } = await readInboundRequest(mail.contentType, mail.body);
  const dealershipId =
    scope.kind === "dealership" ? scope.dealershipId : await findDealershipForRecipients(envelope.recipients);
  if (!dealershipId) return { status: "unknown_recipient", recipients: envelope.recipients };
  const stored = await storeInboundEmail({ dealershipId }, payload, envelope);
  return { ...stored, dealershipId };
}
