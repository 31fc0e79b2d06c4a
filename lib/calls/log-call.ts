import { and, eq, isNull, sql } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leadTasks } from "../../db/schema/lead-work.ts";
import { leads } from "../../db/schema/leads.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { actorTypeOf, type LeadActor } from "../leads/lead-actor.ts";
import { dueInstantOf, insertLeadTask } from "../tasks/insert-lead-task.ts";
import type { LogCallInput } from "./schemas.ts";

/**
 * A call the rep made (Ring → tel: link → how it went): a `call.logged` timeline event, the human first response
 * (a call is an answer, whatever came of it), open call tasks closed, and the next step as a new task — one
 * transaction.
 */
export async function logCall(actor: LeadActor, input: LogCallInput, now = new Date()) {
  return withTenant(actor.dealershipId, async (tx) => {
    const { dealershipId } = tx;
    const [lead] = await tx
      .update(leads)
      .set({
        humanRespondedAt: sql`coalesce(${leads.humanRespondedAt}, ${now.toISOString()}::timestamptz)`,
        lastOutboundAt: sql`greatest(${leads.lastOutboundAt}, ${now.toISOString()}::timestamptz)`,
        lastContactAt: now,
        updatedAt: now,
      })
      .where(and(eq(leads.id, input.leadId), eq(leads.dealershipId, dealershipId)))
      .returning({ id: leads.id, assignedTo: leads.assignedTo });
    if (!lead) throw new AppError("not_found", "Fant ikke leadet");
    await tx
      .update(leadTasks)
      .set({ doneAt: now })
      .where(
        and(
          eq(leadTasks.dealershipId, dealershipId),
          eq(leadTasks.leadId, lead.id),
          eq(leadTasks.kind, "call"),
          isNull(leadTasks.doneAt),
        ),
      );
    const data = {
      outcome: input.outcome,
      reason: input.outcome,
      ...(input.note && { note: input.note }),
      next: input.next,
    };
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId: lead.id,
      type: "call.logged",
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      data,
      createdAt: now,
    });
    await recordAudit(tx, {
      dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: "lead.call_logged",
      targetType: "lead",
      targetId: lead.id,
      data,
    });
    const task =
      input.next !== "none" && input.dueDate && input.dueTime
        ? await insertLeadTask(tx, actor, {
            leadId: lead.id,
            kind: input.next,
            dueAt: await dueInstantOf(tx, input.dueDate, input.dueTime),
            note: input.note,
            assignedTo: actor.userId ?? lead.assignedTo,
          })
        : null;
    return { leadId: lead.id, taskId: task?.id ?? null };
  });
}
