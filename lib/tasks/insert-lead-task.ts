import { eq } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import type { LeadTaskKind } from "../../db/schema/enums.ts";
import { leadTasks } from "../../db/schema/lead-work.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { zonedInstant } from "../dates/time-zone.ts";
import type { TenantTx } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { actorTypeOf, type LeadActor } from "../leads/lead-actor.ts";

/** The instant `dueDate` `dueTime` ("10:00" or "10.00") names in the dealership's time zone. */
export async function dueInstantOf(tx: TenantTx, dueDate: string, dueTime: string): Promise<Date> {
  const [dealership] = await tx
    .select({ timezone: dealerships.timezone })
    .from(dealerships)
    .where(eq(dealerships.id, tx.dealershipId));
  const [h, m] = dueTime.split(/[:.]/).map(Number);
  return zonedInstant(dueDate, h! * 60 + m!, dealership?.timezone ?? "Europe/Oslo");
}

/**
 * Building block: stores a task for the actor (its rep), its timeline event and audit entry, and the `task.due`
 * job that tells the rep when it comes due — all in the caller's transaction.
 */
export async function insertLeadTask(
  tx: TenantTx,
  actor: LeadActor,
  input: { leadId: string; kind: LeadTaskKind; dueAt: Date; note?: string | null; assignedTo: string | null },
) {
  const { dealershipId } = tx;
  const [task] = await tx
    .insert(leadTasks)
    .values({
      dealershipId,
      leadId: input.leadId,
      kind: input.kind,
      dueAt: input.dueAt,
      note: input.note || null,
      assignedTo: input.assignedTo,
      createdBy: actor.userId,
    })
    .returning();
  await tx.insert(leadEvents).values({
    dealershipId,
    leadId: input.leadId,
    type: "task.created",
    actorType: actorTypeOf(actor),
    actorUserId: actor.userId,
    data: { taskId: task!.id, kind: input.kind, dueAt: input.dueAt.toISOString() },
  });
  await recordAudit(tx, {
    dealershipId,
    actorType: actorTypeOf(actor),
    actorUserId: actor.userId,
    action: "lead.task_created",
    targetType: "lead",
    targetId: input.leadId,
    data: { taskId: task!.id, kind: input.kind, dueAt: input.dueAt.toISOString() },
  });
  await scheduleTaskDue(tx, task!.id, input.dueAt);
  return task!;
}

/** The reminder job for a due time; a snoozed task's earlier job finds a different due time and does nothing. */
export async function scheduleTaskDue(tx: TenantTx, taskId: string, dueAt: Date) {
  await enqueue(
    "task.due",
    { taskId, dealershipId: tx.dealershipId, dueAt: dueAt.toISOString() },
    { tx, startAfter: dueAt },
  );
}
