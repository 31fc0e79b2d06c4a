import { and, eq } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { aiMessageValues } from "./ai-message-values.ts";
import { leads } from "../../db/schema/leads.ts";
import { isUuid, withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { queueCustomerMessage } from "../messaging/queue-customer-message.ts";
import { assignLead } from "../leads/assign-lead.ts";
import { AppError } from "../errors.ts";
import { isSuppressed } from "../suppressions/is-suppressed.ts";
import { suppressAddressInTx } from "../suppressions/suppress-address.ts";
import { aiDraftLeadReply, type LeadReplyDraft } from "./ai-draft-lead-reply.ts";
import { FIRST_REPLY, loadReplyContext } from "./load-reply-context.ts";

export type RespondOutcome = {
  status: "queued" | "drafted" | "held_for_review" | "not_answered" | "skipped" | "preview";
  reason?: string;
  /** The stored reply (its conversation id), when one was drafted. */
  conversationId?: string;
};

/**
 * A "Send en testlead" lead (Settings → AI): a test lead that runs the whole pipeline, so the dealership sees the
 * reply a customer would get. Its reply is stored as a preview and never sent; no rep is assigned or texted.
 * Other test leads (Meta's test leads, a test flag from a source) keep their rule: stored, not answered.
 */
export function isPreviewLead(lead: { isTest: boolean; sourceMetadata: Record<string, unknown> }): boolean {
  return lead.isTest && lead.sourceMetadata?.preview === true;
}

/**
 * The lead.respond job. Drafts the first reply (Claude or the built-in responder, guardrails applied), stores it
 * as the lead's outbound message, and hands the sending to the customer.send-email and rep.notify jobs, which run
 * concurrently. Safe to retry and to deliver twice: the stored first reply is the marker, checked under the
 * lead's row lock, and the send jobs are enqueued in the same transaction as that row.
 */
export async function respondToLead(
  tenant: Tenant,
  { leadId }: { leadId: string },
  options: { signal?: AbortSignal; now?: Date } = {},
): Promise<RespondOutcome> {
  const { dealershipId } = tenant;
  const jobStarted = Date.now();
  const prepared = await withTenant(dealershipId, async (tx) => {
    const loaded = await loadReplyContext(tx, leadId, options.now);
    if (!loaded) return { skip: "lead_not_found" } as const;
    const { lead, dealership } = loaded;
    // No lead work at all for these: nobody is waiting for an answer or an SMS.
    if (lead.isSpam) return { skip: "spam" } as const;
    const preview = isPreviewLead(lead);
    if (lead.isTest && !preview) return { skip: "test" } as const;
    if (lead.source === "manual") return { skip: "manual" } as const;
    if (lead.duplicateOfLeadId) return { skip: "duplicate" } as const;
    if (loaded.answered) return { skip: "already_answered" } as const;
    const suppressed = await isSuppressed(tx, {
      email: lead.emailNormalized,
      phone: lead.phoneNormalized,
    });
    // "Ikke kontakt meg": no sales reply, not even a confirmation (another message is what they asked us not to
    // send); their addresses go on the suppression list and the rep is told (the SMS says "Vil ikke kontaktes").
    const optOut = loaded.context.facts?.intents.includes("opt_out") ?? false;
    if (optOut && !preview) await suppressOptOut(tx, lead);
    // A lead that came by SMS is answered by SMS (issue 20); every other source by e-mail.
    const viaSms = lead.source === "sms";
    // The rep still hears about the lead when no automatic reply goes out: somebody must answer it.
    const noReply = optOut
      ? "opt_out"
      : lead.aiPaused
        ? "ai_paused"
        : dealership.aiMode === "off"
          ? "ai_off"
          : dealership.aiSkipSources.includes(lead.source)
            ? "source_skipped"
            : viaSms
              ? !lead.phoneNormalized
                ? "no_phone"
                : suppressed.sms
                  ? "suppressed"
                  : null
              : !lead.customerEmail
                ? "no_email"
                : suppressed.email
                  ? "suppressed"
                  : null;
    return {
      context: loaded.context,
      aiMode: dealership.aiMode,
      channel: viaSms ? ("sms" as const) : ("email" as const),
      noReply,
      leadCreatedAt: lead.createdAt,
      assignedTo: lead.assignedTo,
      repIsActive: loaded.repIsActive,
      preview,
    };
  });
  if ("skip" in prepared) return { status: "skipped", reason: prepared.skip };

  // A preview takes no rep from the round robin: nobody calls a test customer.
  if (!prepared.preview && (!prepared.assignedTo || !prepared.repIsActive)) {
    const assignment = await assignLead({ dealershipId }, leadId);
    // The reply names the rep who will call.
    prepared.context.repName = assignment.name;
  }

  if ("skip" in prepared) return { status: "skipped", reason: prepared.skip };

  if (prepared.noReply) {
    await withTenant(dealershipId, async (tx) => {
      await tx.insert(leadEvents).values({
        dealershipId,
        leadId,
        type: "ai.reply_skipped",
        actorType: "system",
        data: { reason: prepared.noReply, ...(prepared.preview && { preview: true }) },
      });
      if (prepared.preview) return;
      await enqueue(
        "rep.notify",
        { leadId, dealershipId, reason: "new_lead", customerAnswered: false },
        { tx },
      );
    });
    return { status: "not_answered", reason: prepared.noReply };
  }

  // Outside any transaction: the model may take seconds.
  const draft = await aiDraftLeadReply(
    { dealershipId },
    { context: prepared.context, leadId },
    { signal: options.signal },
  );
  const hold = prepared.preview || prepared.aiMode === "draft" || draft.blocked === true;

  return withTenant(
    dealershipId,
    async (tx, [lead]) => {
      // The lead is locked (sent with BEGIN): a second delivery of this job racing the first must not store a
      // second reply.
      if (lead?.answered) return { status: "skipped", reason: "already_answered" };
      // The reply and its timeline event in one statement (the id is made here): one round trip fewer per lead.
      const message = aiMessageValues({
        dealershipId,
        leadId,
        channel: prepared.channel,
        draft,
        hold,
        metadata: { ...replyMetadata(draft), ...(prepared.preview && { preview: true }) },
      });
      const messageId = message.id;
      const stored = tx
        .$with("stored")
        .as(tx.insert(conversations).values(message).returning({ id: conversations.id }));
      await tx
        .with(stored)
        .insert(leadEvents)
        .values({
          dealershipId,
          leadId,
          type: "ai.reply_drafted",
          actorType: "ai",
          // A data-modifying CTE runs whether or not the main statement reads it (Postgres docs, WITH).
          data: {
            conversationId: messageId,
            responder: draft.source,
            intent: draft.intent,
            citedVehicleIds: draft.citedVehicleIds,
            durationMs: draft.latencyMs,
            sinceLeadMs: Date.now() - prepared.leadCreatedAt.getTime(),
            jobMs: Date.now() - jobStarted,
            ...(draft.fallbackReason && { fallbackReason: draft.fallbackReason }),
            ...(draft.violations && { violations: draft.violations }),
            ...(hold && { heldAsDraft: true }),
            ...(prepared.preview && { preview: true }),
          },
        });
      // A preview is shown in Settings → AI and on the test lead, never sent, and no rep is texted about it.
      if (prepared.preview) {
        return { status: "preview", reason: draft.fallbackReason, conversationId: messageId };
      }
      if (draft.violations?.length) {
        await tx
          .update(leads)
          .set({ needsReview: true, reviewReason: `AI-svaret brøt regler: ${summarise(draft)}` })
          .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
      }
      if (!hold) {
        await queueCustomerMessage(tx, { conversationId: messageId, leadId, channel: prepared.channel });
      }
      await enqueue(
        "rep.notify",
        { leadId, dealershipId, reason: hold ? "draft_ready" : "new_lead", customerAnswered: !hold },
        { tx },
      );
      return hold
        ? {
            status: draft.blocked ? "held_for_review" : "drafted",
            reason: draft.fallbackReason,
            conversationId: messageId,
          }
        : { status: "queued", reason: draft.fallbackReason, conversationId: messageId };
    },
    { firstStatement: lockAndCheckAnsweredSql(dealershipId, leadId) },
  );
}

/**
 * Takes the lead's row lock and tells whether its first reply is stored already; sent with BEGIN (withTenant's
 * firstStatement), so it costs no round trip of its own. NO KEY UPDATE: it still excludes a second run of this
 * job, but does not wait for transactions that merely reference the lead (every insert of a message, event or
 * outbox row takes KEY SHARE on it through its foreign key). Without parameters: both ids are checked UUIDs.
 */
function lockAndCheckAnsweredSql(dealershipId: string, leadId: string): string {
  if (!isUuid(dealershipId) || !isUuid(leadId))
    throw new Error(`respondToLead: not UUIDs: ${JSON.stringify([dealershipId, leadId])}`);
  return `select exists (select 1 from conversations c where c.lead_id = l.id and c.dealership_id = l.dealership_id
                   and c.metadata->>'kind' = '${FIRST_REPLY}') as answered
    from leads l where l.id = '${leadId}'::uuid and l.dealership_id = '${dealershipId}'::uuid
     for no key update of l`;
}

async function suppressOptOut(
  tx: TenantTx,
  lead: { id: string; customerEmail: string | null; customerPhone: string | null },
): Promise<void> {
  const addresses = [
    lead.customerEmail ? { channel: "email" as const, address: lead.customerEmail } : null,
    lead.customerPhone ? { channel: "sms" as const, address: lead.customerPhone } : null,
  ].filter((a) => a !== null);
  for (const { channel, address } of addresses) {
    try {
      await suppressAddressInTx(
        tx,
        { channel, address, reason: "unsubscribe", leadId: lead.id },
        { actorType: "system" },
      );
    } catch (err) {
      // An unusable address cannot be suppressed, and cannot be written to either.
      if (!(err instanceof AppError)) throw err;
    }
  }
}

function replyMetadata(draft: LeadReplyDraft): Record<string, unknown> {
  return {
    kind: FIRST_REPLY,
    responder: draft.source,
    intent: draft.intent,
    citedVehicleIds: draft.citedVehicleIds,
    latencyMs: draft.latencyMs,
    ...(draft.model && { model: draft.model }),
    ...(draft.fallbackReason && { fallbackReason: draft.fallbackReason }),
  };
}

function summarise(draft: LeadReplyDraft): string {
  return [...new Set((draft.violations ?? []).map((v) => v.rule))].join(", ");
}
