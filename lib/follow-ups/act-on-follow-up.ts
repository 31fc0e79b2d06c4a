import { and, eq, inArray, sql } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { followUps } from "../../db/schema/follow-ups.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { actorTypeOf, type LeadActor } from "../leads/lead-actor.ts";

/**
 * A person on the lead page: "Hopp over" (this follow-up is not sent; a waiting draft is withdrawn) or "Send nå"
 * (due now: queued for followup.send at once, which still keeps to business hours and every stop rule). Only a
 * follow-up that has not started sending; another dealership's id is not found. Audited, on the timeline.
 */
export async function actOnFollowUp(
  actor: LeadActor,
  input: { followUpId: string; action: "skip" | "send_now" },
  now = new Date(),
): Promise<{ leadId: string }> {
  return withTenant(actor.dealershipId, async (tx) => {
    const { dealershipId } = tx;
    const open = input.action === "skip" ? ["scheduled", "queued", "awaiting_approval"] : ["scheduled"];
    const [row] = await tx
      .update(followUps)
      .set(
        input.action === "skip"
          ? { status: "skipped", stopReason: "skipped_by_person", updatedAt: now }
          : { status: "queued", dueAt: now, updatedAt: now },
      )
      .where(
        and(
          eq(followUps.id, input.followUpId),
          eq(followUps.dealershipId, dealershipId),
          eq(followUps.kind, "message"),
          inArray(followUps.status, open as ("scheduled" | "queued" | "awaiting_approval")[]),
        ),
      )
      .returning({ id: followUps.id, leadId: followUps.leadId, conversationId: followUps.conversationId });
    if (!row) throw new AppError("not_found", "Fant ikke oppfølgingen");
    if (input.action === "skip" && row.conversationId) {
      await tx
        .update(conversations)
        .set({ deliveryStatus: "cancelled", deliveryError: "follow_up_skipped" })
        .where(
          and(
            eq(conversations.id, row.conversationId),
            eq(conversations.dealershipId, dealershipId),
            sql`${conversations.deliveryStatus} = 'draft'`,
          ),
        );
    }
    if (input.action === "send_now")
      await enqueue("followup.send", { followUpId: row.id, dealershipId }, { tx });
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId: row.leadId,
      type: input.action === "skip" ? "follow_up.skipped" : "follow_up.sent_now",
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      data: { followUpId: row.id },
    });
    await recordAudit(tx, {
      dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: input.action === "skip" ? "follow_up.skip" : "follow_up.send_now",
      targetType: "follow_up",
      targetId: row.id,
    });
    return { leadId: row.leadId };
  });
}
