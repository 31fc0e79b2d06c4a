import { and, eq } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { cancelUnsentAiMessages } from "../conversations/cancel-unsent-ai-messages.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { actorTypeOf, type LeadActor } from "./lead-actor.ts";

/**
 * "Ta over" (paused = true): the AI stops answering this lead and its unsent messages are cancelled, so the rep
 * is the only one talking to the customer. "Gi tilbake til AI" (false) lets the AI answer again.
 */
export async function setLeadAiPaused(actor: LeadActor, leadId: string, paused: boolean) {
  const { dealershipId } = actor;
  return withTenant(dealershipId, async (tx) => {
    const [lead] = await tx
      .update(leads)
      .set({ aiPaused: paused, updatedAt: new Date() })
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)))
      .returning({ id: leads.id });
    if (!lead) throw new AppError("not_found", "Fant ikke leadet");
    const cancelled = paused ? await cancelUnsentAiMessages(tx, leadId, "taken_over") : 0;
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId,
      type: paused ? "lead.taken_over" : "lead.handed_back",
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      data: paused ? { cancelledMessages: cancelled } : {},
    });
    return { cancelledMessages: cancelled };
  });
}
