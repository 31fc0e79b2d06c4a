import { and, eq, sql } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { BOSS_SCHEMA } from "../jobs/boss.ts";
import { actorTypeOf, type LeadActor } from "../leads/lead-actor.ts";
import { queueCustomerMessage } from "../messaging/queue-customer-message.ts";

/** Why a failed message cannot be sent again from the lead page (no "try again" then). */
export const UNRETRYABLE_ERRORS = ["suppressed"] as const;

/** Whether the lead page offers "Prøv igjen" on a message: ours, failed, not refused for good, not a follow-up's. */
export function canRetryMessage(message: {
  direction: string;
  deliveryStatus: string | null;
  deliveryError: string | null;
  metadata: Record<string, unknown>;
}): boolean {
  return (
    message.direction === "outbound" &&
    message.deliveryStatus === "failed" &&
    !(UNRETRYABLE_ERRORS as readonly string[]).includes(message.deliveryError ?? "") &&
    message.metadata.kind !== "follow_up"
  );
}

/**
 * "Prøv igjen" on a reply or send to the customer that failed (the vendor refused it or was down through every
 * automatic retry): the message goes back to `pending` and its send job (customer.send-email / customer.send-sms)
 * is queued again, with the audit entry and the lead's timeline event, in one transaction. The send path is the
 * usual one, so a message the vendor took meanwhile is never sent twice (the delivery ledger).
 *
 * Not for: a suppressed address (the customer unsubscribed or bounced: sending again would be refused again), a
 * follow-up's message (its own job re-checks the stop rules), a message still being retried automatically.
 */
export async function retryFailedMessage(
  actor: LeadActor,
  conversationId: string,
): Promise<{ leadId: string }> {
  const { dealershipId } = actor;
  return withTenant(dealershipId, async (tx) => {
    const [message] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.dealershipId, dealershipId)))
      .for("update");
    if (!message || !canRetryMessage(message) || (message.channel !== "email" && message.channel !== "sms"))
      throw new AppError("not_found", "Fant ikke en mislykket melding å sende på nytt");
    // pg-boss's table has no RLS: the dealership filter on the payload is the tenant lock (as in find-failed-jobs).
    const queue = message.channel === "email" ? "customer.send-email" : "customer.send-sms";
    const open = await tx.execute(sql`
      select 1 from ${sql.identifier(BOSS_SCHEMA)}.job
      where name = ${queue} and state in ('created', 'retry', 'active')
        and data->>'conversationId' = ${conversationId} and data->>'dealershipId' = ${dealershipId}
      limit 1`);
    if (open.rows.length > 0)
      throw new AppError("conflict", "Meldingen prøves allerede på nytt automatisk. Vent litt og se igjen.");
    await tx
      .update(conversations)
      .set({ deliveryStatus: "pending", deliveryError: null })
      .where(and(eq(conversations.id, conversationId), eq(conversations.dealershipId, dealershipId)));
    await queueCustomerMessage(tx, { conversationId, leadId: message.leadId, channel: message.channel });
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId: message.leadId,
      type: "message.retried",
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      data: { conversationId, channel: message.channel, previousError: message.deliveryError?.slice(0, 200) },
    });
    await recordAudit(tx, {
      dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: "message.retried",
      targetType: "conversation",
      targetId: conversationId,
      data: { leadId: message.leadId, channel: message.channel },
    });
    return { leadId: message.leadId };
  });
}
