import { and, eq } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { followUps } from "../../db/schema/follow-ups.ts";
import { leads } from "../../db/schema/leads.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findNextOpening, hoursConfigOf } from "../business-hours/opening-hours.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { actorTypeOf, type LeadActor } from "../leads/lead-actor.ts";

/**
 * The lead page's "Ingen oppfølging" switch. On: the lead's open follow-ups stop (the leads trigger of migration
 * 0016, reason switched_off) and none are planned later. Off again: the follow-ups it stopped are scheduled again,
 * the first at the next opening at the earliest, the
 * others as far apart as before. Audited.
 */
export async function setLeadFollowUpsOff(
  actor: LeadActor,
  input: { leadId: string; off: boolean },
  now = new Date(),
): Promise<void> {
  await withTenant(actor.dealershipId, async (tx) => {
    const { dealershipId } = tx;
    const [lead] = await tx
      .update(leads)
      .set({ followUpsOff: input.off, updatedAt: now })
      .where(and(eq(leads.id, input.leadId), eq(leads.dealershipId, dealershipId)))
      .returning({ id: leads.id, status: leads.status });
    if (!lead) throw new AppError("not_found", "Fant ikke leadet");
    let resumed = 0;
    if (!input.off && lead.status === "contacted") {
      const [d] = await tx.select().from(dealerships).where(eq(dealerships.id, dealershipId));
      const earliest = findNextOpening(hoursConfigOf(d!), now) ?? now;
      const stopped = await tx
        .select({ id: followUps.id, dueAt: followUps.dueAt })
        .from(followUps)
        .where(
          and(
            eq(followUps.leadId, lead.id),
            eq(followUps.dealershipId, dealershipId),
            eq(followUps.status, "cancelled"),
            eq(followUps.stopReason, "switched_off"),
          ),
        );
      // Late ones move by the same amount, so the steps keep their spacing (and the closing step stays last).
      const first = Math.min(...stopped.map((r) => r.dueAt.getTime()));
      const shift = Math.max(0, earliest.getTime() - first);
      const hours = hoursConfigOf(d!);
      for (const row of stopped) {
        const moved = new Date(row.dueAt.getTime() + shift);
        await tx
          .update(followUps)
          .set({
            status: "scheduled",
            stopReason: null,
            updatedAt: now,
            dueAt: findNextOpening(hours, moved) ?? moved,
          })
          .where(and(eq(followUps.id, row.id), eq(followUps.dealershipId, dealershipId)));
      }
      resumed = stopped.length;
    }
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId: lead.id,
      type: input.off ? "follow_up.switched_off" : "follow_up.switched_on",
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      data: input.off ? {} : { resumed },
    });
    await recordAudit(tx, {
      dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: input.off ? "lead.follow_ups_off" : "lead.follow_ups_on",
      targetType: "lead",
      targetId: lead.id,
    });
  });
}
