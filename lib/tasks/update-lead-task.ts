import { and, eq, isNull } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leadTasks } from "../../db/schema/lead-work.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { actorTypeOf, type LeadActor } from "../leads/lead-actor.ts";
import { scheduleTaskDue } from "./insert-lead-task.ts";

const SNOOZE_MS = { "1h": 3_600_000, "1d": 86_400_000 } as const;

/**
 * Done, or snoozed (an hour, or the same time tomorrow, from the later of now and the due time) with a new
 * reminder job. Only an open task of this dealership; another dealership's id is not found.
 */
export async function updateLeadTask(
  actor: LeadActor,
  taskId: string,
  change: { done: true } | { snooze: keyof typeof SNOOZE_MS },
  now = new Date(),
) {
  return withTenant(actor.dealershipId, async (tx) => {
    const { dealershipId } = tx;
    const [task] = await tx
      .select()
      .from(leadTasks)
      .where(
        and(eq(leadTasks.id, taskId), eq(leadTasks.dealershipId, dealershipId), isNull(leadTasks.doneAt)),
      )
      .for("update");
    if (!task) throw new AppError("not_found", "Fant ikke oppgaven");
    const type = "done" in change ? "task.done" : "task.snoozed";
    const dueAt =
      "snooze" in change
        ? new Date(Math.max(now.getTime(), task.dueAt.getTime()) + SNOOZE_MS[change.snooze])
        : task.dueAt;
    await tx
      .update(leadTasks)
      .set("done" in change ? { doneAt: now } : { dueAt, notifiedAt: null })
      .where(and(eq(leadTasks.id, taskId), eq(leadTasks.dealershipId, dealershipId)));
    const data = { taskId, kind: task.kind, ...("snooze" in change && { dueAt: dueAt.toISOString() }) };
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId: task.leadId,
      type,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      data,
    });
    await recordAudit(tx, {
      dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: type === "task.done" ? "lead.task_done" : "lead.task_snoozed",
      targetType: "lead",
      targetId: task.leadId,
      data,
    });
    if ("snooze" in change) await scheduleTaskDue(tx, taskId, dueAt);
    return { leadId: task.leadId, dueAt };
  });
}
