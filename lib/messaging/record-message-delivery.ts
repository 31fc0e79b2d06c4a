import { and, eq, sql } from "drizzle-orm";
import { conversations, leadEvents, leadStatusHistory } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";
import type { SentMessage } from "../deliveries/send-recorded-message.ts";
import { planFollowUps } from "../follow-ups/plan-follow-ups.ts";

/** Sets delivery columns on one outbound message in its own transaction (failed, suppressed, no address …). */
export async function markMessageDelivery(
  tenant: Tenant,
  { conversationId }: { conversationId: string },
  set: Partial<typeof conversations.$inferInsert>,
): Promise<void> {
  await withTenant(tenant.dealershipId, (tx) =>
    tx
      .update(conversations)
      .set(set)
      .where(and(eq(conversations.id, conversationId), eq(conversations.dealershipId, tx.dealershipId))),
  );
}

/**
 * A message to the customer went out (e-mail or SMS, AI or rep), inside the caller's transaction: the message is
 * `sent` with the vendor's id, and the lead is contacted — status new → contacted (with its history row), last
 * contact, and the first response time unless an earlier message already set it. Returns whether the lead was new.
 */
export async function recordMessageSent(
  tx: TenantTx,
  { leadId, conversationId }: { leadId: string; conversationId: string },
  sent: Pick<SentMessage, "providerMessageId" | "outboxId">,
  now: Date,
): Promise<{ wasNew: boolean }> {
  const { dealershipId } = tx;
  // One statement (data-modifying CTEs), one round trip: the message is sent; the lead is locked and its status
  // read as it was (the subquery), marked contacted, its first response time set unless an earlier reply already
  // did (counted from the submission); and a new lead's status change is recorded.
  const at = sql`${now.toISOString()}::timestamptz`;
  const { rows } = await tx.execute<{ old_status: string }>(sql`
    with sent as (
      update ${conversations}
         set delivery_status = 'sent',
             delivery_error = null,
             provider_message_id = ${sent.providerMessageId},
             metadata = ${conversations.metadata} || ${JSON.stringify({ outboxId: sent.outboxId })}::jsonb
       where id = ${conversationId} and dealership_id = ${dealershipId}
    ),
    contacted as (
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
      returning old.status as old_status
    ),
    history as (
      insert into ${leadStatusHistory} (dealership_id, lead_id, old_status, new_status)
      select ${dealershipId}::uuid, ${leadId}::uuid, 'new', 'contacted' from contacted where old_status = 'new'
    )
    select old_status from contacted`);
  const wasNew = rows[0]?.old_status === "new";
  return { wasNew };
}

/**
 * Hands one stored outbound message to the ledger (`deliver`) and records the outcome. A failure is written on the
 * message and rethrown, so the job retries with backoff and then dead-letters; a send marks the message sent,
 * contacts the lead (recordMessageSent) and writes the `<channel>.sent` event, in one transaction.
 */
export async function deliverConversationMessage(
  tenant: Tenant,
  { leadId, conversationId }: { leadId: string; conversationId: string },
  deliver: () => Promise<SentMessage>,
  event: { type: "email.sent" | "sms.sent"; data: (sent: SentMessage, now: Date) => Record<string, unknown> },
): Promise<void> {
  let sent: SentMessage;
  try {
    sent = await deliver();
  } catch (err) {
    await markMessageDelivery(
      tenant,
      { conversationId },
      { deliveryStatus: "failed", deliveryError: (err as Error).message.slice(0, 500) },
    );
    throw err;
  }
  await withTenant(tenant.dealershipId, async (tx) => {
    const now = new Date();
    await recordMessageSent(tx, { leadId, conversationId }, sent, now);
    // The first reply starts the lead's follow-up plan (issue 19), in the transaction that records the send.
    await planFollowUps(tx, { leadId, conversationId, sentAt: now });
    await tx.insert(leadEvents).values({
      dealershipId: tx.dealershipId,
      leadId,
      type: event.type,
      actorType: "system",
      data: {
        conversationId,
        outboxId: sent.outboxId,
        ...event.data(sent, now),
        ...(sent.duplicate && { duplicate: true }),
      },
    });
  });
}
