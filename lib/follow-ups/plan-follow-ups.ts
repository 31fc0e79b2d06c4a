import { and, eq, sql } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { followUps, type FollowUpChannel } from "../../db/schema/follow-ups.ts";
import { leads } from "../../db/schema/leads.ts";
import { hoursConfigOf } from "../business-hours/opening-hours.ts";
import type { TenantTx } from "../db/tenant.ts";
import { FIRST_REPLY } from "../responder/load-reply-context.ts";
import { computeDueAt } from "./compute-due-at.ts";
import { getFollowUpRule } from "./get-follow-up-rule.ts";

/** conversations.metadata.kind of a follow-up message. */
export const FOLLOW_UP_KIND = "follow_up";

/**
 * After a message to the customer went out. The lead's first reply (in the transaction that records the send): the rule's steps become
 * follow_ups rows, each due `delayDays` after `sentAt` inside business hours, plus a closing row when the rule
 * ends with "lost". Nothing for a lead that asked for no follow-up, a test or spam lead, a dealership whose AI or
 * follow-ups are off, or a message that is not the first reply (an approved follow-up draft is marked sent). SMS only with a phone and recorded consent; a step
 * without them goes by e-mail. At most the dealership's cap of messages. Planning twice plans nothing new.
 */
export async function planFollowUps(
  tx: TenantTx,
  input: { leadId: string; conversationId: string; sentAt: Date },
): Promise<number> {
  const { dealershipId } = tx;
  const [row] = await tx
    .select({
      lead: leads,
      dealership: dealerships,
      kind: sql<string | null>`${conversations.metadata}->>'kind'`,
    })
    .from(conversations)
    .innerJoin(
      leads,
      and(eq(leads.id, conversations.leadId), eq(leads.dealershipId, conversations.dealershipId)),
    )
    .innerJoin(dealerships, eq(dealerships.id, conversations.dealershipId))
    .where(
      and(
        eq(conversations.id, input.conversationId),
        eq(conversations.leadId, input.leadId),
        eq(conversations.dealershipId, dealershipId),
      ),
    );
  if (row?.kind === FOLLOW_UP_KIND) {
    // An approved follow-up draft went out through customer.send-email: its follow-up is sent.
    await tx
      .update(followUps)
      .set({ status: "sent", sentAt: input.sentAt, updatedAt: input.sentAt })
      .where(
        and(
          eq(followUps.dealershipId, dealershipId),
          eq(followUps.conversationId, input.conversationId),
          eq(followUps.status, "awaiting_approval"),
        ),
      );
    return 0;
  }
  if (!row || row.kind !== FIRST_REPLY) return 0;
  const { lead, dealership } = row;
  if (lead.followUpsOff || lead.isTest || lead.isSpam || lead.duplicateOfLeadId || lead.aiPaused) return 0;
  if (dealership.aiMode === "off" || lead.status !== "contacted") return 0;
  const rule = await getFollowUpRule(tx);
  if (!rule.enabled || rule.steps.length === 0 || rule.maxPerLead === 0) return 0;
  const hours = hoursConfigOf(dealership);
  const steps = rule.steps.slice(0, rule.maxPerLead);
  const rows: (typeof followUps.$inferInsert)[] = [];
  for (const [index, step] of steps.entries()) {
    const channel = pickChannel(step.channel, lead);
    if (!channel) continue;
    const dueAt = computeDueAt(hours, input.sentAt, step.delayDays);
    if (!dueAt) continue;
    rows.push({
      dealershipId,
      leadId: lead.id,
      kind: "message",
      step: index + 1,
      channel,
      dueAt,
      consentBasis: channel === "sms" ? "marketing_consent" : "service_inquiry",
    });
  }
  if (rows.length === 0) return 0;
  if (rule.afterLast === "lost") {
    const last = steps.at(-1)!;
    const dueAt = computeDueAt(hours, input.sentAt, last.delayDays + rule.closeAfterDays);
    if (dueAt) rows.push({ dealershipId, leadId: lead.id, kind: "close", step: 0, channel: "email", dueAt });
  }
  const inserted = await tx
    .insert(followUps)
    .values(rows)
    .onConflictDoNothing({ target: [followUps.leadId, followUps.kind, followUps.step] })
    .returning({ id: followUps.id });
  return inserted.length;
}

/** E-mail needs an address; SMS needs a phone and recorded consent, else the step goes by e-mail. */
function pickChannel(
  wanted: FollowUpChannel,
  lead: { customerEmail: string | null; customerPhone: string | null; consentMarketing: boolean },
): FollowUpChannel | null {
  if (wanted === "sms" && lead.customerPhone && lead.consentMarketing) return "sms";
  return lead.customerEmail ? "email" : null;
}
