import { and, eq } from "drizzle-orm";
import { leads } from "../../db/schema/leads.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import type { LeadActor } from "../leads/lead-actor.ts";
import { dueInstantOf, insertLeadTask } from "./insert-lead-task.ts";
import type { CreateTaskInput } from "./schemas.ts";

/** "Ring tirsdag kl. 10": a task for the person setting it (or, from an API key, the lead's rep). */
export async function createLeadTask(actor: LeadActor, input: CreateTaskInput) {
  return withTenant(actor.dealershipId, async (tx) => {
    const [lead] = await tx
      .select({ id: leads.id, assignedTo: leads.assignedTo })
      .from(leads)
      .where(and(eq(leads.id, input.leadId), eq(leads.dealershipId, tx.dealershipId)));
    if (!lead) throw new AppError("not_found", "Fant ikke leadet");
    const dueAt = await dueInstantOf(tx, input.dueDate, input.dueTime);
    return insertLeadTask(tx, actor, {
      leadId: lead.id,
      kind: input.kind,
      dueAt,
      note: input.note,
      assignedTo: actor.userId ?? lead.assignedTo,
    });
  });
}
