import { and, eq } from "drizzle-orm";
import { leadEvents, leadStatusHistory, notes } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { withTenant, type Tx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { actorTypeOf, type LeadActor } from "./lead-actor.ts";
import type { LeadPatch } from "./schemas.ts";

/**
 * Status (with its history row and, for lost, the reason), assignment and a new internal note, in one
 * transaction under the lead's row lock: the dashboard's dropdowns and PATCH /api/leads/:id both land here.
 * A status set to what it already is records nothing. Another dealership's lead is not found.
 */
export async function updateLead(actor: LeadActor, leadId: string, patch: LeadPatch) {
  const { dealershipId } = actor;
  return withTenant(dealershipId, async (tx) => {
    const [lead] = await tx
      .select({ status: leads.status, assignedTo: leads.assignedTo })
      .from(leads)
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)))
      .for("no key update");
    if (!lead) throw new AppError("not_found", "Fant ikke leadet");
    const now = new Date();
    const set: Partial<typeof leads.$inferInsert> = {};
    const events: (typeof leadEvents.$inferInsert)[] = [];
    const event = (type: string, data: Record<string, unknown>) =>
      events.push({
        dealershipId,
        leadId,
        type,
        actorType: actorTypeOf(actor),
        actorUserId: actor.userId,
        data,
      });

    if (patch.status && patch.status !== lead.status) {
      set.status = patch.status;
      if (patch.status === "won") set.convertedAt = now;
      await tx.insert(leadStatusHistory).values({
        dealershipId,
        leadId,
        oldStatus: lead.status,
        newStatus: patch.status,
        changedBy: actor.userId,
        reason: patch.reason ?? null,
        changedAt: now,
      });
      event("lead.status_changed", { from: lead.status, to: patch.status, reason: patch.reason });
    }
    if (patch.assignedTo !== undefined && patch.assignedTo !== lead.assignedTo) {
      if (patch.assignedTo) await assertActiveTeamMember(tx, dealershipId, patch.assignedTo);
      set.assignedTo = patch.assignedTo;
      event("lead.assigned", { to: patch.assignedTo, manual: true });
    }
    if (patch.note) {
      const [note] = await tx
        .insert(notes)
        .values({ dealershipId, leadId, authorId: actor.userId, body: patch.note })
        .returning({ id: notes.id });
      event("note.added", { noteId: note!.id });
    }
    if (Object.keys(set).length > 0) {
      await tx
        .update(leads)
        .set({ ...set, updatedAt: now })
        .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
    }
    if (events.length > 0) await tx.insert(leadEvents).values(events);
    const [updated] = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
    return updated!;
  });
}

/** An id from the client: it must be an active person of this dealership (RLS hides the others anyway). */
async function assertActiveTeamMember(tx: Tx, dealershipId: string, userId: string) {
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId), eq(users.isActive, true)));
  if (!user)
    throw new AppError("bad_request", "Ukjent selger", { fieldErrors: { assigned_to: ["Ukjent selger"] } });
}
