import { and, asc, desc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant, type TenantTx } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { queueCustomerMessage } from "../messaging/queue-customer-message.ts";
import { aiMessageValues } from "../responder/ai-message-values.ts";
import { loadReplyContext } from "../responder/load-reply-context.ts";
import { aiDraftReplyTurn, buildReplyTurnContext } from "../responder/compose-reply-turn.ts";
import { isSuppressed } from "../suppressions/is-suppressed.ts";
import { cancelUnsentAiMessages } from "./cancel-unsent-ai-messages.ts";
import { planReplyTurn, type ReplyTurnPlan } from "./plan-reply-turn.ts";

/** Marks an AI answer to a customer's later message (conversations.metadata.kind). */
export const REPLY_TURN = "reply_turn";

export type ReplyTurnOutcome = {
  status: "drafted" | "queued" | "handed_off" | "left_to_person" | "skipped";
  reason?: string;
  conversationId?: string;
};

/**
 * The conversation.reply job: a customer wrote again. planReplyTurn decides; a draft is written outside any
 * transaction (the model may take seconds) and stored only if nothing changed meanwhile — no newer customer
 * message, no person writing, no take-over — checked under the lead's row lock. Draft mode stores it for one-tap
 * approval and texts the rep; autopilot sends it on the customer's channel. Safe to run twice.
 */
export async function answerCustomerReply(
  tenant: { dealershipId: string },
  { leadId, messageId }: { leadId: string; messageId: string },
  options: { now?: Date; signal?: AbortSignal } = {},
): Promise<ReplyTurnOutcome> {
  const { dealershipId } = tenant;
  const now = options.now ?? new Date();
  const prepared = await withTenant(dealershipId, async (tx) => {
    const loaded = await loadReplyContext(tx, leadId, now);
    if (!loaded) return { done: { status: "skipped", reason: "lead_not_found" } } as const;
    const { lead, dealership } = loaded;
    const thread = await loadThread(tx, leadId);
    const message = thread.find((m) => m.id === messageId);
    if (!message) return { done: { status: "skipped", reason: "message_not_found" } } as const;
    if (await alreadyAnswered(tx, leadId, messageId))
      return { done: { status: "skipped", reason: "already_answered" } } as const;
    const since = await handedBackAt(tx, leadId);
    const latestInbound = thread.filter((m) => m.direction === "inbound").at(-1);
    const channel = message.channel === "email" ? "email" : "sms";
    const suppressed = await isSuppressed(tx, { email: lead.emailNormalized, phone: lead.phoneNormalized });
    const history = thread
      .filter(
        (m) =>
          m.id !== messageId &&
          m.at <= message.at &&
          m.deliveryStatus !== "cancelled" &&
          m.deliveryStatus !== "draft",
      )
      .map(({ direction, senderType, content, at }) => ({ direction, senderType, content, at }));
    const context = buildReplyTurnContext({
      base: loaded.context,
      inventory: loaded.inventory,
      text: message.content,
      history,
    });
    const plan = planReplyTurn({
      aiReplyMode: dealership.aiReplyMode,
      handOffAfterTurns: dealership.aiHandoffAfterTurns,
      aiPaused: lead.aiPaused,
      personWrote: thread.some((m) => isPersonsMessage(m) && (!since || m.at > since)),
      aiTurns: thread.filter((m) => isAiTurn(m) && (!since || m.at > since)).length,
      suppressed: channel === "sms" ? suppressed.sms : suppressed.email,
      excluded: lead.isSpam ? "spam" : lead.isTest ? "test" : lead.duplicateOfLeadId ? "duplicate" : null,
      isLatest: latestInbound?.id === messageId,
      text: message.content,
      facts: context.facts,
    });
    if (plan.action === "draft") return { plan, context, channel, messageAt: message.at } as const;
    return { done: await settlePlan(tx, plan, { leadId, messageId, channel }) } as const;
  });
  if ("done" in prepared && prepared.done) return prepared.done;

  const started = performance.now();
  const draft = await aiDraftReplyTurn(
    tenant,
    { context: prepared.context, leadId, channel: prepared.channel },
    options,
  );
  const hold = prepared.plan.hold || draft.blocked === true;

  return withTenant(dealershipId, async (tx) => {
    await tx.execute(
      sql`select 1 from ${leads} where id = ${leadId} and dealership_id = ${dealershipId} for no key update`,
    );
    const [lead] = await tx
      .select({ aiPaused: leads.aiPaused })
      .from(leads)
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
    if (!lead || lead.aiPaused) return { status: "skipped", reason: "taken_over" };
    // The customer wrote again, or a person wrote, while the AI drafted: this draft answers a stale thread.
    const [newer] = await tx
      .select({
        id: conversations.id,
        direction: conversations.direction,
        senderType: conversations.senderType,
      })
      .from(conversations)
      .where(
        and(
          eq(conversations.leadId, leadId),
          eq(conversations.dealershipId, dealershipId),
          gt(conversations.createdAt, prepared.messageAt),
          ne(conversations.id, messageId),
          sql`(${conversations.direction} = 'inbound' or ${conversations.senderType} = 'human')`,
        ),
      )
      .limit(1);
    if (newer)
      return { status: "skipped", reason: newer.direction === "inbound" ? "superseded" : "person_wrote" };
    if (await alreadyAnswered(tx, leadId, messageId))
      return { status: "skipped", reason: "already_answered" };
    // An older draft nobody approved answers an older message: this one replaces it.
    await tx
      .update(conversations)
      .set({ deliveryStatus: "cancelled", deliveryError: "superseded" })
      .where(
        and(
          eq(conversations.leadId, leadId),
          eq(conversations.dealershipId, dealershipId),
          eq(conversations.senderType, "ai"),
          eq(conversations.deliveryStatus, "draft"),
        ),
      );
    const message = aiMessageValues({
      dealershipId,
      leadId,
      channel: prepared.channel,
      draft,
      hold,
      metadata: {
        kind: REPLY_TURN,
        replyTo: messageId,
        responder: draft.source,
        intent: draft.intent,
        citedVehicleIds: draft.citedVehicleIds,
        latencyMs: draft.latencyMs,
        ...(draft.model && { model: draft.model }),
        ...(draft.fallbackReason && { fallbackReason: draft.fallbackReason }),
      },
    });
    const conversationId = message.id;
    await tx.insert(conversations).values(message);
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId,
      type: "ai.reply_drafted",
      actorType: "ai",
      data: {
        conversationId,
        turn: true,
        replyTo: messageId,
        responder: draft.source,
        durationMs: Math.round(performance.now() - started),
        // Customer's message stored → this draft stored: the latency the figure reports.
        sinceMessageMs: Date.now() - prepared.messageAt.getTime(),
        ...(hold && { heldAsDraft: true }),
        ...(draft.violations && { violations: draft.violations }),
      },
    });
    if (draft.violations?.length)
      await tx
        .update(leads)
        .set({ needsReview: true, reviewReason: "AI-svaret brøt regler" })
        .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
    if (hold) {
      await enqueue(
        "rep.notify",
        { leadId, dealershipId, reason: "draft_ready", messageId: conversationId },
        { tx },
      );
      return { status: "drafted", conversationId };
    }
    await queueCustomerMessage(tx, { conversationId, leadId, channel: prepared.channel });
    return { status: "queued", conversationId };
  });
}

type ThreadMessage = {
  id: string;
  channel: string;
  direction: "inbound" | "outbound";
  senderType: string;
  content: string;
  deliveryStatus: string | null;
  metadata: Record<string, unknown>;
  at: Date;
};

async function loadThread(tx: TenantTx, leadId: string): Promise<ThreadMessage[]> {
  return tx
    .select({
      id: conversations.id,
      channel: conversations.channel,
      direction: conversations.direction,
      senderType: conversations.senderType,
      content: conversations.messageContent,
      deliveryStatus: conversations.deliveryStatus,
      metadata: conversations.metadata,
      at: conversations.createdAt,
    })
    .from(conversations)
    .where(and(eq(conversations.leadId, leadId), eq(conversations.dealershipId, tx.dealershipId)))
    .orderBy(asc(conversations.createdAt), asc(conversations.id));
}

const UNSENT = new Set(["draft", "cancelled", "failed", "bounced"]);

/** A person's own message to the customer (an approved AI draft, even edited, is still the AI's turn). */
function isPersonsMessage(m: ThreadMessage): boolean {
  return (
    m.direction === "outbound" &&
    m.senderType === "human" &&
    !m.metadata.approvedBy &&
    !UNSENT.has(m.deliveryStatus ?? "")
  );
}

function isAiTurn(m: ThreadMessage): boolean {
  return m.direction === "outbound" && m.metadata.kind === REPLY_TURN && m.deliveryStatus !== "cancelled";
}

async function alreadyAnswered(tx: TenantTx, leadId: string, messageId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.leadId, leadId),
        eq(conversations.dealershipId, tx.dealershipId),
        sql`${conversations.metadata}->>'replyTo' = ${messageId}`,
        ne(conversations.deliveryStatus, "cancelled"),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** When a person last gave the lead back to the AI ("Gi tilbake til AI"); null if never. */
async function handedBackAt(tx: TenantTx, leadId: string): Promise<Date | null> {
  const [row] = await tx
    .select({ at: leadEvents.createdAt })
    .from(leadEvents)
    .where(
      and(
        eq(leadEvents.leadId, leadId),
        eq(leadEvents.dealershipId, tx.dealershipId),
        inArray(leadEvents.type, ["lead.handed_back"]),
      ),
    )
    .orderBy(desc(leadEvents.createdAt))
    .limit(1);
  return row?.at ?? null;
}

/** Everything but a draft: hand the lead to a person (AI paused, flagged, rep alerted) or just tell the rep. */
async function settlePlan(
  tx: TenantTx,
  plan: Exclude<ReplyTurnPlan, { action: "draft" }>,
  { leadId, messageId, channel }: { leadId: string; messageId: string; channel: "email" | "sms" },
): Promise<ReplyTurnOutcome> {
  const { dealershipId } = tx;
  if (plan.action === "skip") return { status: "skipped", reason: plan.reason };
  if (plan.action === "leave_to_person") {
    // An e-mail reply told the rep already when it was threaded (lib/inbound-email/thread-customer-reply.ts).
    if (channel === "sms")
      await enqueue("rep.notify", { leadId, dealershipId, reason: "replied", messageId }, { tx });
    return { status: "left_to_person", reason: plan.reason };
  }
  await tx
    .update(leads)
    .set({
      aiPaused: true,
      needsReview: true,
      reviewReason: `Overlatt til selger: ${plan.reason}`,
      updatedAt: new Date(),
    })
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  const cancelled = await cancelUnsentAiMessages(tx, leadId, "taken_over");
  await tx.insert(leadEvents).values({
    dealershipId,
    leadId,
    type: "ai.handed_off",
    actorType: "ai",
    data: { reason: plan.reason, messageId, cancelledMessages: cancelled },
  });
  await enqueue(
    "rep.notify",
    { leadId, dealershipId, reason: "handed_off", messageId, handOffReason: plan.reason },
    { tx },
  );
  return { status: "handed_off", reason: plan.reason };
}
