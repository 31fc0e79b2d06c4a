import { and, eq } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { deliverEmail } from "../deliveries/deliver-email.ts";
import { createLeadReplyAddress } from "../email/lead-reply-address.ts";
import { renderLeadReplyEmail, toReplyEmailBrand } from "../email/lead-reply-email.ts";
import { getMailer } from "../integrations/mailer/get-mailer.ts";
import { isSuppressed } from "../suppressions/is-suppressed.ts";
import { buildUnsubscribeHeaders, buildUnsubscribeUrl } from "../suppressions/unsubscribe-token.ts";
import { deliverConversationMessage, markMessageDelivery } from "./record-message-delivery.ts";

export type CustomerMessageOutcome = { status: "sent" | "skipped"; reason?: string };

/**
 * The customer.send-email job: one stored outbound message (the AI's first reply, an approved draft, a rep's
 * e-mail) → the customer's inbox, branded, with unsubscribe headers and a per-lead Reply-To. Idempotent twice
 * over: a message already sent is skipped, and the ledger's idempotency key (per message) makes a retry after a
 * crash mid-send return the first send instead of a second e-mail. Then the lead is contacted.
 */
export async function sendCustomerEmail(
  tenant: Tenant,
  { conversationId, leadId }: { conversationId: string; leadId: string },
): Promise<CustomerMessageOutcome> {
  const { dealershipId } = tenant;
  const started = Date.now();
  const loaded = await withTenant(dealershipId, async (tx) => {
    const [row] = await tx
      .select({ message: conversations, lead: leads, dealership: dealerships })
      .from(conversations)
      .innerJoin(leads, eq(leads.id, conversations.leadId))
      .innerJoin(dealerships, eq(dealerships.id, conversations.dealershipId))
      .where(
        and(
          eq(conversations.id, conversationId),
          eq(conversations.leadId, leadId),
          eq(conversations.dealershipId, dealershipId),
        ),
      );
    if (!row) return null;
    const suppressed = await isSuppressed(tx, { email: row.lead.emailNormalized });
    return { ...row, suppressed: suppressed.email };
  });
  if (!loaded) return { status: "skipped", reason: "message_not_found" };
  const { message, lead, dealership } = loaded;
  if (message.deliveryStatus !== "pending" && message.deliveryStatus !== "failed")
    return { status: "skipped", reason: `already_${message.deliveryStatus}` };
  const to = lead.customerEmail;
  if (!to) return { status: "skipped", reason: "no_email" };
  if (loaded.suppressed) {
    await markMessageDelivery(
      tenant,
      { conversationId },
      { deliveryStatus: "failed", deliveryError: "suppressed" },
    );
    return { status: "skipped", reason: "suppressed" };
  }

  const unsubscribeUrl = buildUnsubscribeUrl({ dealershipId, email: to, leadId });
  const { html, text } = await renderLeadReplyEmail({
    ...toReplyEmailBrand(dealership),
    bodyText: message.messageContent,
    unsubscribeUrl,
  });
  await deliverConversationMessage(
    tenant,
    { leadId, conversationId },
    () =>
      deliverEmail(tenant, {
        leadId,
        to,
        fromName: dealership.name,
        replyTo: createLeadReplyAddress(leadId),
        subject: message.subject ?? `Svar fra ${dealership.name}`,
        text,
        html,
        headers: buildUnsubscribeHeaders(unsubscribeUrl),
        idempotencyKey: `reply:${conversationId}`,
      }),
    {
      type: "email.sent",
      data: (_sent, now) => ({
        provider: getMailer().provider,
        durationMs: Date.now() - started,
        sinceLeadMs: now.getTime() - lead.createdAt.getTime(),
      }),
    },
  );
  return { status: "sent" };
}
