import { and, eq, sql } from "drizzle-orm";
import { conversations, leadEvents, leadStatusHistory } from "../../db/schema/conversations.ts";
import { aiMessageValues } from "../responder/ai-message-values.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { followUps, type FollowUpStatus } from "../../db/schema/follow-ups.ts";
import { leads } from "../../db/schema/leads.ts";
import { findNextOpening, hoursConfigOf, isOpenAt } from "../business-hours/opening-hours.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { yieldToFirstReplies } from "../jobs/first-reply-priority.ts";
import { deliverFollowUpMessage } from "../messaging/deliver-follow-up-message.ts";
import { recordMessageSent } from "../messaging/record-message-delivery.ts";
import { aiDraftFollowUp } from "../responder/ai-draft-follow-up.ts";
import { loadReplyContext } from "../responder/load-reply-context.ts";
import { NO_RESPONSE_REASON } from "./default-rule.ts";
import { findStopReason } from "./find-stop-reason.ts";
import { getFollowUpRule } from "./get-follow-up-rule.ts";

export type FollowUpOutcome = {
  status: "sent" | "awaiting_approval" | "cancelled" | "rescheduled" | "closed" | "skipped";
  reason?: string;
};

export type SendFollowUpOptions = {
  /** The clock (tests inject one). */
  now?: Date;
  /** Test seam: runs after the draft is written, before it is stored (a stop may arrive here). */
  afterDraft?: () => Promise<void>;
  /** Test seam: runs while the follow-up's lock is held, just before the vendor call. */
  beforeDeliver?: () => Promise<void>;
};

/**
 * The followup.send job: one due follow-up → the customer, exactly once, or not at all once anything stopped it.
 *
 * 1. Under the follow-up's row lock: the stop rules (findStopReason), business hours (closed now → moved to the
 *    next opening), the closing step (lead → lost, "no response"); else `drafting`, and the reply context is read.
 * 2. The responder drafts it outside any transaction: Claude when configured (aiDraftFollowUp), else and on any
 *    failure the built-in follow-up; the guardrails either way.
 * 3. The draft is stored as the lead's outbound message: `sending`, or in draft mode (or when the guardrails held
 *    it) a draft waiting for approval that expires.
 * 4. The send: the lead's and the follow-up's locks are taken (the order the stop triggers take them), everything is
 *    checked again, and the locks are held until the vendor has the message and the send is recorded. A stop that
 *    commits first leaves the follow-up `cancelled` and nothing goes out; a stop that arrives during the send waits
 *    for it, then finds nothing open. A worker killed mid-send rolls the lock back; the retry resumes at step 4 with
 *    the same idempotency key, so the vendor sees one message.
 */
export async function sendFollowUp(
  tenant: Tenant,
  { followUpId }: { followUpId: string },
  options: SendFollowUpOptions = {},
): Promise<FollowUpOutcome> {
  const { dealershipId } = tenant;
  const now = options.now ?? new Date();
  const first = await withTenant(dealershipId, async (tx) => {
    const loaded = await lockFollowUp(tx, followUpId);
    if (!loaded) return { done: { status: "skipped", reason: "not_found" } as FollowUpOutcome };
    const { followUp, lead, dealership } = loaded;
    if (followUp.status === "sending" && followUp.conversationId) return { resume: true } as const;
    if (followUp.status !== "queued" && followUp.status !== "scheduled")
      return { done: { status: "skipped", reason: `already_${followUp.status}` } as FollowUpOutcome };
    const rule = await getFollowUpRule(tx);
    const stop = await findStopReason(tx, followUp, lead, dealership, rule);
    if (stop) return { done: await cancel(tx, followUpId, stop) };
    const hours = hoursConfigOf(dealership);
    if (!isOpenAt(hours, now)) {
      const next = findNextOpening(hours, now);
      if (!next) return { done: await cancel(tx, followUpId, "never_open") };
      await setStatus(tx, followUpId, "scheduled", { dueAt: next });
      return { done: { status: "rescheduled", reason: next.toISOString() } as FollowUpOutcome };
    }
    if (followUp.kind === "close") return { done: await closeLead(tx, followUpId, lead.id, now) };
    const context = await loadReplyContext(tx, lead.id, now);
    if (!context) return { done: { status: "skipped", reason: "not_found" } as FollowUpOutcome };
    const steps = rule.steps.slice(0, rule.maxPerLead).length;
    await setStatus(tx, followUpId, "drafting");
    return {
      context: context.context,
      step: { number: followUp.step, isLast: followUp.step >= steps },
      draftMode: dealership.aiMode === "draft",
      approvalHours: rule.approvalHours,
      channel: followUp.channel,
      consentBasis: followUp.consentBasis,
      leadId: lead.id,
    };
  });
  if ("done" in first && first.done) return first.done;

  if (!("resume" in first)) {
    // First replies before follow-ups: between steps, outside any transaction, the send waits while the worker
    // answers a new lead (bounded; lib/jobs/first-reply-priority.ts).
    await yieldToFirstReplies();
    const draft = await aiDraftFollowUp(tenant, {
      context: first.context,
      leadId: first.leadId,
      step: first.step,
    });
    await options.afterDraft?.();
    const hold = first.draftMode || draft.blocked === true;
    const stored = await withTenant(dealershipId, async (tx) => {
      const loaded = await lockFollowUp(tx, followUpId);
      if (!loaded || loaded.followUp.status !== "drafting")
        return { status: "cancelled", reason: loaded?.followUp.stopReason ?? "stopped" } as FollowUpOutcome;
      const message = aiMessageValues({
        dealershipId,
        leadId: first.leadId,
        channel: first.channel,
        draft,
        hold,
        metadata: {
          kind: "follow_up",
          followUpId,
          step: first.step.number,
          consentBasis: first.consentBasis,
          responder: draft.source,
          ...(draft.model && { model: draft.model }),
          ...(draft.fallbackReason && { fallbackReason: draft.fallbackReason }),
          citedVehicleIds: draft.citedVehicleIds,
          ...(draft.violations && { violations: draft.violations }),
          ...(draft.claudeViolations && { claudeViolations: draft.claudeViolations }),
        },
      });
      const conversationId = message.id;
      await tx.insert(conversations).values(message);
      await tx.insert(leadEvents).values({
        dealershipId,
        leadId: first.leadId,
        type: "follow_up.drafted",
        actorType: "ai",
        data: {
          followUpId,
          conversationId,
          step: first.step.number,
          responder: draft.source,
          ...(draft.fallbackReason && { fallbackReason: draft.fallbackReason }),
          ...(hold && { heldAsDraft: true }),
        },
      });
      if (!hold) {
        await setStatus(tx, followUpId, "sending", { conversationId });
        return null;
      }
      await setStatus(tx, followUpId, "awaiting_approval", {
        conversationId,
        expiresAt: new Date(now.getTime() + first.approvalHours * 3_600_000),
      });
      await enqueue("rep.notify", { leadId: first.leadId, dealershipId, reason: "draft_ready" }, { tx });
      return { status: "awaiting_approval" } as FollowUpOutcome;
    });
    if (stored) return stored;
  }
  await yieldToFirstReplies();
  return deliverLocked(tenant, followUpId, options);
}

/** Step 4: the send under the lead's and the follow-up's locks, recorded in the same transaction. */
async function deliverLocked(
  tenant: Tenant,
  followUpId: string,
  options: SendFollowUpOptions,
): Promise<FollowUpOutcome> {
  return withTenant(tenant.dealershipId, async (tx) => {
    const loaded = await lockFollowUp(tx, followUpId, { lockLead: true });
    if (!loaded) return { status: "skipped", reason: "not_found" };
    const { followUp, lead, dealership } = loaded;
    if (followUp.status !== "sending" || !followUp.conversationId)
      return { status: "cancelled", reason: followUp.stopReason ?? `already_${followUp.status}` };
    const rule = await getFollowUpRule(tx);
    const stop = await findStopReason(tx, followUp, lead, dealership, rule);
    if (stop) return cancel(tx, followUpId, stop);
    const [message] = await tx
      .select()
      .from(conversations)
      .where(
        and(eq(conversations.id, followUp.conversationId), eq(conversations.dealershipId, tx.dealershipId)),
      );
    if (!message || (message.deliveryStatus !== "pending" && message.deliveryStatus !== "failed"))
      return cancel(tx, followUpId, "message_withdrawn");
    await options.beforeDeliver?.();
    const to = followUp.channel === "sms" ? lead.phoneNormalized! : lead.customerEmail!;
    const started = Date.now();
    const sent = await deliverFollowUpMessage(tenant, {
      followUpId,
      leadId: lead.id,
      channel: followUp.channel,
      to,
      subject: message.subject ?? `Fortsatt interessert? – ${dealership.name}`,
      body: message.messageContent,
      dealership,
    });
    const at = new Date();
    await recordMessageSent(tx, { leadId: lead.id, conversationId: message.id }, sent, at);
    await setStatus(tx, followUpId, "sent", { sentAt: at });
    await tx.insert(leadEvents).values({
      dealershipId: tx.dealershipId,
      leadId: lead.id,
      type: followUp.channel === "sms" ? "sms.sent" : "email.sent",
      actorType: "system",
      data: {
        kind: "follow_up",
        followUpId,
        step: followUp.step,
        conversationId: message.id,
        outboxId: sent.outboxId,
        consentBasis: followUp.consentBasis,
        durationMs: Date.now() - started,
        ...(sent.duplicate && { duplicate: true }),
      },
    });
    return { status: "sent" };
  });
}

async function lockFollowUp(tx: TenantTx, followUpId: string, options: { lockLead?: boolean } = {}) {
  const { dealershipId } = tx;
  if (options.lockLead) {
    // The lead first, then the follow-up: the order in which a stop (a message, a status change) takes them.
    await tx.execute(sql`select 1 from ${leads} where id = (select lead_id from ${followUps}
      where id = ${followUpId} and dealership_id = ${dealershipId}) and dealership_id = ${dealershipId}
      for no key update`);
  }
  const [followUp] = await tx
    .select()
    .from(followUps)
    .where(and(eq(followUps.id, followUpId), eq(followUps.dealershipId, dealershipId)))
    .for("update");
  if (!followUp) return null;
  const [row] = await tx
    .select({ lead: leads, dealership: dealerships })
    .from(leads)
    .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
    .where(and(eq(leads.id, followUp.leadId), eq(leads.dealershipId, dealershipId)));
  return row ? { followUp, ...row } : null;
}

async function setStatus(
  tx: TenantTx,
  followUpId: string,
  status: FollowUpStatus,
  extra: Partial<typeof followUps.$inferInsert> = {},
) {
  await tx
    .update(followUps)
    .set({ status, updatedAt: new Date(), ...extra })
    .where(and(eq(followUps.id, followUpId), eq(followUps.dealershipId, tx.dealershipId)));
}

async function cancel(tx: TenantTx, followUpId: string, reason: string): Promise<FollowUpOutcome> {
  const [row] = await tx
    .update(followUps)
    .set({ status: "cancelled", stopReason: reason, updatedAt: new Date() })
    .where(and(eq(followUps.id, followUpId), eq(followUps.dealershipId, tx.dealershipId)))
    .returning({ leadId: followUps.leadId, conversationId: followUps.conversationId });
  if (row?.conversationId) {
    await tx
      .update(conversations)
      .set({ deliveryStatus: "cancelled", deliveryError: "follow_up_stopped" })
      .where(
        and(
          eq(conversations.id, row.conversationId),
          eq(conversations.dealershipId, tx.dealershipId),
          sql`${conversations.deliveryStatus} in ('draft', 'pending', 'failed')`,
        ),
      );
  }
  if (row)
    await tx.insert(leadEvents).values({
      dealershipId: tx.dealershipId,
      leadId: row.leadId,
      type: "follow_up.stopped",
      actorType: "system",
      data: { reason, followUpId },
    });
  return { status: "cancelled", reason };
}

/** The closing step: nobody answered the whole chain, so the lead is lost ("no response"), if the rule says so. */
async function closeLead(
  tx: TenantTx,
  followUpId: string,
  leadId: string,
  now: Date,
): Promise<FollowUpOutcome> {
  const { dealershipId } = tx;
  await setStatus(tx, followUpId, "done");
  await tx
    .update(leads)
    .set({ status: "lost", updatedAt: now })
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  await tx.insert(leadStatusHistory).values({
    dealershipId,
    leadId,
    oldStatus: "contacted",
    newStatus: "lost",
    reason: NO_RESPONSE_REASON,
    changedAt: now,
  });
  await tx.insert(leadEvents).values({
    dealershipId,
    leadId,
    type: "lead.status_changed",
    actorType: "system",
    data: { from: "contacted", to: "lost", reason: NO_RESPONSE_REASON, followUpId },
  });
  return { status: "closed" };
}
