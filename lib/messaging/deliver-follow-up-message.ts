import type { dealerships } from "../../db/schema/dealerships.ts";
import type { Tenant } from "../db/tenant.ts";
import { deliverEmail } from "../deliveries/deliver-email.ts";
import { deliverSms } from "../deliveries/deliver-sms.ts";
import type { SentMessage } from "../deliveries/send-recorded-message.ts";
import { createLeadReplyAddress } from "../email/lead-reply-address.ts";
import { renderLeadReplyEmail, toReplyEmailBrand } from "../email/lead-reply-email.ts";
import { buildUnsubscribeHeaders, buildUnsubscribeUrl } from "../suppressions/unsubscribe-token.ts";

type Dealership = typeof dealerships.$inferSelect;

/** The SMS follow-up's way out (the SMS webhook honours STOPP). */
export const SMS_STOP_LINE = "Svar STOPP for å ikke få flere meldinger.";

/**
 * One follow-up (issue 19) to the customer through the delivery ledger: e-mail branded like the first reply, with
 * List-Unsubscribe one-click headers and the footer link, Reply-To the lead; SMS with the stop line. The idempotency
 * key is the follow-up's, so a retry after a crash mid-send returns the first send instead of a second message.
 * The caller records the send on the lead (it holds the follow-up's lock meanwhile).
 */
export async function deliverFollowUpMessage(
  tenant: Tenant,
  input: {
    followUpId: string;
    leadId: string;
    channel: "email" | "sms";
    to: string;
    subject: string;
    body: string;
    dealership: Dealership;
  },
): Promise<SentMessage> {
  const { dealershipId } = tenant;
  const { dealership, leadId } = input;
  if (input.channel === "sms") {
    return deliverSms(tenant, {
      leadId,
      to: input.to,
      body: input.body.includes(SMS_STOP_LINE) ? input.body : `${input.body}\n\n${SMS_STOP_LINE}`,
      idempotencyKey: `follow-up:${input.followUpId}`,
    });
  }
  const unsubscribeUrl = buildUnsubscribeUrl({ dealershipId, email: input.to, leadId });
  const { html, text } = await renderLeadReplyEmail({
    ...toReplyEmailBrand(dealership),
    bodyText: input.body,
    unsubscribeUrl,
  });
  return deliverEmail(tenant, {
    leadId,
    to: input.to,
    fromName: dealership.name,
    replyTo: createLeadReplyAddress(leadId),
    subject: input.subject,
    text,
    html,
    headers: buildUnsubscribeHeaders(unsubscribeUrl),
    idempotencyKey: `follow-up:${input.followUpId}`,
  });
}
