import { and, eq } from "drizzle-orm";
import { leads } from "../../db/schema/leads.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { actorTypeOf, type LeadActor } from "./lead-actor.ts";

/**
 * Removes a lead and everything about the person it holds: its conversation, timeline, notes, status history and
 * search terms go with it (ON DELETE CASCADE), and its outbox rows, whose key is only SET NULL (they are the
 * delivery record of everything else), are deleted explicitly. The audit log keeps that it happened, not who.
 */
export async function deleteLead(actor: LeadActor, leadId: string): Promise<void> {
  const { dealershipId } = actor;
  await withTenant(dealershipId, async (tx) => {
    await tx
      .delete(outboxMessages)
      .where(and(eq(outboxMessages.leadId, leadId), eq(outboxMessages.dealershipId, dealershipId)));
    const deleted = await tx
      .delete(leads)
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)))
      .returning({ id: leads.id });
    if (deleted.length === 0) throw new AppError("not_found", "Fant ikke leadet");
    await recordAudit(tx, {
      dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: "lead.deleted",
      targetType: "lead",
      targetId: leadId,
    });
  });
}
