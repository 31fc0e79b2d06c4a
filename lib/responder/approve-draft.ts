import { and, eq, sql } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { queueCustomerMessage } from "../messaging/queue-customer-message.ts";

/**
 * Draft mode (ai_mode = draft) and replies held by the guardrails: a person reads the AI's draft, may edit it,
 * and approves. The edited text is the person's own words (no guardrail veto: they own what they send), the
 * approval is recorded, and the ordinary customer.send-email (or, for an SMS answer, customer.send-sms) job sends it. Approving twice sends once.
 */
export async function approveDraft(
  session: Session,
  input: { conversationId: string; subject?: string; body?: string },
): Promise<{ leadId: string }> {
  return withTenant(session.dealershipId, async (tx) => {
    const [draft] = await tx
      .select()
      .from(conversations)
      .where(
        and(eq(conversations.id, input.conversationId), eq(conversations.dealershipId, session.dealershipId)),
      )
      .for("no key update");
    if (!draft || draft.senderType !== "ai") throw new AppError("not_found", "Fant ikke utkastet");
    if (draft.deliveryStatus !== "draft") throw new AppError("conflict", "Utkastet er allerede sendt");
    // The reply to a "Send en testlead" preview shows what a customer would get; it never goes out.
    if ((draft.metadata as Record<string, unknown> | null)?.preview === true)
      throw new AppError("conflict", "Forhåndsvisningen av en testlead sendes aldri");
    const edited = input.body !== undefined && input.body.trim() !== draft.messageContent.trim();
    await tx
      .update(conversations)
      .set({
        deliveryStatus: "pending",
        subject: input.subject?.trim() || draft.subject,
        messageContent: input.body?.trim() || draft.messageContent,
        senderType: edited ? "human" : "ai",
        senderUserId: session.userId,
        sender: edited ? session.name : draft.sender,
        metadata: sql`${conversations.metadata} || ${JSON.stringify({ approvedBy: session.userId, edited })}::jsonb`,
      })
      .where(eq(conversations.id, draft.id));
    await tx.insert(leadEvents).values({
      dealershipId: session.dealershipId,
      leadId: draft.leadId,
      type: "ai.draft_approved",
      actorType: "user",
      actorUserId: session.userId,
      data: { conversationId: draft.id, edited },
    });
    // On the draft's own channel: an answer to a customer's SMS goes back by SMS.
    await queueCustomerMessage(tx, {
      conversationId: draft.id,
      leadId: draft.leadId,
      channel: draft.channel === "sms" ? "sms" : "email",
    });
    return { leadId: draft.leadId };
  });
}
