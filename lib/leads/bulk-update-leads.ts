import { and, eq, inArray } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { actorTypeOf, type LeadActor } from "./lead-actor.ts";

/**
 * The inbox's bulk actions: assign the chosen leads to one person (or nobody), or mark them as spam (out of the
 * inbox, never answered). One transaction, one timeline event per changed lead and one audit entry. Ids of another
 * dealership match nothing (explicit filter + RLS); if none of the ids is ours the answer is not found.
 */
export async function bulkUpdateLeads(
  actor: LeadActor,
  input: { leadIds: string[]; action: "assign" | "spam"; assignedTo?: string | null },
) {
  return withTenant(actor.dealershipId, async (tx) => {
    const { dealershipId } = tx;
    const assignedTo = input.action === "assign" ? input.assignedTo || null : undefined;
    if (assignedTo) {
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, assignedTo), eq(users.dealershipId, dealershipId), eq(users.isActive, true)));
      if (!user)
        throw new AppError("bad_request", "Ukjent selger", {
          fieldErrors: { assignedTo: ["Ukjent selger"] },
        });
    }
    const now = new Date();
    const changed = await tx
      .update(leads)
      .set(input.action === "spam" ? { isSpam: true, updatedAt: now } : { assignedTo, updatedAt: now })
      .where(and(eq(leads.dealershipId, dealershipId), inArray(leads.id, input.leadIds)))
      .returning({ id: leads.id });
    if (changed.length === 0) throw new AppError("not_found", "Fant ikke leadene");
    await tx.insert(leadEvents).values(
      changed.map(({ id }) => ({
        dealershipId,
        leadId: id,
        type: input.action === "spam" ? "lead.marked_spam" : "lead.assigned",
        actorType: actorTypeOf(actor),
        actorUserId: actor.userId,
        data: input.action === "spam" ? { bulk: true } : { to: assignedTo, manual: true, bulk: true },
      })),
    );
    await recordAudit(tx, {
      dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: input.action === "spam" ? "lead.bulk_marked_spam" : "lead.bulk_assigned",
      targetType: "lead",
      data: { leadIds: changed.map((c) => c.id), ...(input.action === "assign" && { assignedTo }) },
    });
    return { updated: changed.length };
  });
}
