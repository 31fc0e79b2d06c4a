import { and, eq } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import type { LeadActor } from "../leads/lead-actor.ts";

/** Draft mode: the rep throws the AI's draft away. It stays in the thread, marked cancelled, and is never sent. */
export async function discardDraft(actor: LeadActor, conversationId: string): Promise<{ leadId: string }> {
  const { dealershipId } = actor;
  return withTenant(dealershipId, async (tx) => {
    const [draft] = await tx
      .update(conversations)
      .set({ deliveryStatus: "cancelled", deliveryError: "discarded" })
      .where(
        and(
          eq(conversations.id, conversationId),
          eq(conversations.dealershipId, dealershipId),
          eq(conversations.senderType, "ai"),
          eq(conversations.deliveryStatus, "draft"),
        ),
      )
      .returning({ leadId: conversations.leadId });
    if (!draft) throw new AppError("not_found", "Fant ikke utkastet");
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId: draft.leadId,
      type: "ai.draft_discarded",
      actorType: actor.userId ? "user" : "api",
      actorUserId: actor.userId,
      data: { conversationId },
    });
    return { leadId: draft.leadId };
  });
}
