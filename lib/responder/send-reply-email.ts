import { and, eq, sql } from "drizzle-orm";
import { conversations, leadEvents, leadStatusHistory } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant } from "../db/tenant.ts";
import { createLeadReplyAddress } from "../email/lead-reply-address.ts";
import { renderLeadReplyEmail } from "../email/lead-reply-email.ts";
import { getMailer } from "../integrations/mailer/mailer.ts";
import { isSuppressed } from "../suppressions/is-suppressed.ts";
import { buildUnsubscribeHeaders, buildUnsubscribeUrl } from "../suppressions/unsubscribe-token.ts";

export type EmailOutcome = { status: "sent" | "skipped"; reason?: string };

/**
 * The email.send job: one stored outbound message → the customer's inbox, branded, with unsubscribe headers and
 * a per-lead Reply-To. Idempotent twice over: a message already sent is skipped, and the mailer's idempotency
 * key (per message) makes a retry after a crash mid-send return the first send instead of a second e-mail.
 * Then the lead is contacted: status, first response time, last contact.
 */
export async function sendReplyEmail({
  conversationId,
  leadId,
  dealershipId,
}: {
  conversationId: string;
  leadId: string;
  dealershipId: string;
}): Promise<EmailOutcome> {
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
    const suppressed = await isSuppressed(tx, dealershipId, { email: row.lead.emailNormalized });
    return { ...row, suppressed: suppressed.email };
  });
  if (!loaded) return { status: "skipped", reason: "message_not_found" };
  const { message, lead, dealership } = loaded;
  if (message.deliveryStatus !== "pending" && message.deliveryStatus !== "failed")
    return { status: "skipped", reason: `already_${message.deliveryStatus}` };
  if (!lead.customerEmail) return { status: "skipped", reason: "no_email" };
  if (loaded.suppressed) {
    await markMessage(dealershipId, conversationId, {
      deliveryStatus: "failed",
      deliveryError: "suppressed",
    });
    return { status: "skipped", reason: "suppressed" };
  }

  const unsubscribeUrl = buildUnsubscribeUrl({ dealershipId, email: lead.customerEmail, leadId });
  const { html, text } = await renderLeadReplyEmail({
    dealership: {
      name: dealership.name,
      phone: dealership.phone,
      email: dealership.email,
      address: dealership.address,
      city: dealership.city,
      logoUrl: dealership.branding.logoUrl,
      primaryColor: dealership.branding.primaryColor,
    },
    bodyText: message.messageContent,
    unsubscribeUrl,
  });
  let sent;
  try {
    sent = await getMailer().sendEmail({
      dealershipId,
      leadId,
      to: lead.customerEmail,
      fromName: dealership.name,
      replyTo: createLeadReplyAddress(leadId),
      subject: message.subject ?? `Svar fra ${dealership.name}`,
      text,
      html,
      headers: buildUnsubscribeHeaders(unsubscribeUrl),
      idempotencyKey: `reply:${conversationId}`,
    });
  } catch (err) {
    // Recorded for the dashboard, then rethrown: the job retries with backoff, then dead-letters.
    await markMessage(dealershipId, conversationId, {
      deliveryStatus: "failed",
      deliveryError: (err as Error).message.slice(0, 500),
    });
    throw err;
  }

  await withTenant(dealershipId, async (tx) => {
    const now = new Date();
    await tx
      .update(conversations)
      .set({
        deliveryStatus: "sent",
        deliveryError: null,
        providerMessageId: sent.providerMessageId,
        metadata: sql`${conversations.metadata} || ${JSON.stringify({ outboxId: sent.outboxId })}::jsonb`,
      })
      .where(and(eq(conversations.id, conversationId), eq(conversations.dealershipId, dealershipId)));
    // One statement: lock the lead and read its status as it was (the subquery), mark it contacted, and set the
    // first response time unless an earlier reply already did. First response counts from the submission.
    const at = sql`${now.toISOString()}::timestamptz`;
    const { rows } = await tx.execute<{ old_status: string }>(sql`
      update ${leads} l
         set status = case when old.status = 'new' then 'contacted' else l.status end,
             last_contact_at = ${at},
             updated_at = ${at},
             first_response_at = coalesce(l.first_response_at, ${at}),
             first_response_seconds = case when l.first_response_at is null
               then greatest(0, round(extract(epoch from (${at} - l.created_at))))::int
               else l.first_response_seconds end
        from (select id, status from ${leads}
               where id = ${leadId} and dealership_id = ${dealershipId} for no key update) old
       -- The id again, not only the join: a generic plan made before the table had statistics otherwise joined
       -- the subquery to every lead of the dealership (auto_explain in bench:facebook: 610 loops, 500 ms).
       where l.id = ${leadId} and l.dealership_id = ${dealershipId} and l.id = old.id
      returning old.status as old_status`);
    if (rows[0]?.old_status === "new") {
      await tx
        .insert(leadStatusHistory)
        .values({ dealershipId, leadId, oldStatus: "new", newStatus: "contacted" });
    }
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId,
      type: "email.sent",
      actorType: "system",
      data: {
        conversationId,
        outboxId: sent.outboxId,
        provider: getMailer().provider,
        durationMs: Date.now() - started,
        sinceLeadMs: now.getTime() - lead.createdAt.getTime(),
        ...(sent.duplicate && { duplicate: true }),
      },
    });
  });
  return { status: "sent" };
}

async function markMessage(
  dealershipId: string,
  conversationId: string,
  set: Partial<typeof conversations.$inferInsert>,
) {
  await withTenant(dealershipId, (tx) =>
    tx
      .update(conversations)
      .set(set)
      .where(and(eq(conversations.id, conversationId), eq(conversations.dealershipId, dealershipId))),
  );
}
