import { and, eq, sql } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leadTasks } from "../../db/schema/lead-work.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { getEnv } from "../../env.ts";
import { formatPhoneForDisplay, normalisePhone } from "../leads/normalise-contact.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import type { ParsedJobPayload } from "../jobs/job-payloads.ts";
import { resolveNotificationChannels } from "../users/resolve-notification-channels.ts";
import { sendUserEmail } from "./send-user-email.ts";
import { sendUserSms } from "./send-user-sms.ts";

export type NotifyTaskDueOutcome =
  | { status: "sent"; channels: ("sms" | "email")[] }
  | { status: "skipped"; reason: "not_found" | "done" | "moved" | "already_notified" | "no_rep" };

/**
 * The task.due job. When a rep's task comes due the lead moves to the top of the inbox (last_activity_at) and the
 * rep is told by the channels of their "Lead venter for lenge" switches (a due task is a lead waiting for them),
 * SMS only to a verified number. A task snoozed or done since the job was queued is left alone; the task's
 * notified_at and the ledger's idempotency keys make a retried job send nothing twice.
 */
export async function notifyTaskDue(
  tenant: Tenant,
  input: Omit<ParsedJobPayload<"task.due">, "dealershipId">,
  now = new Date(),
): Promise<NotifyTaskDueOutcome> {
  const { dealershipId } = tenant;
  const claimed = await withTenant(dealershipId, async (tx) => {
    const [task] = await tx
      .select({
        id: leadTasks.id,
        leadId: leadTasks.leadId,
        kind: leadTasks.kind,
        note: leadTasks.note,
        dueAt: leadTasks.dueAt,
        doneAt: leadTasks.doneAt,
        notifiedAt: leadTasks.notifiedAt,
        customerName: leads.customerName,
        customerPhone: leads.customerPhone,
        vehicleInterest: leads.vehicleInterest,
        repId: users.id,
        repActive: users.isActive,
        repEmail: users.email,
        repPhone: users.phone,
        repPhoneVerifiedAt: users.phoneVerifiedAt,
        prefs: users.notificationPreferences,
        timezone: dealerships.timezone,
      })
      .from(leadTasks)
      .innerJoin(leads, and(eq(leads.id, leadTasks.leadId), eq(leads.dealershipId, leadTasks.dealershipId)))
      .innerJoin(dealerships, eq(dealerships.id, leadTasks.dealershipId))
      .leftJoin(users, eq(users.id, leadTasks.assignedTo))
      .where(and(eq(leadTasks.id, input.taskId), eq(leadTasks.dealershipId, dealershipId)))
      .for("update", { of: leadTasks });
    if (!task) return { skip: "not_found" } as const;
    if (task.doneAt) return { skip: "done" } as const;
    if (task.dueAt.toISOString() !== new Date(input.dueAt).toISOString()) return { skip: "moved" } as const;
    if (task.notifiedAt) return { skip: "already_notified" } as const;
    await tx
      .update(leadTasks)
      .set({ notifiedAt: now })
      .where(and(eq(leadTasks.id, task.id), eq(leadTasks.dealershipId, dealershipId)));
    // The inbox sorts by last activity: a task coming due is activity, so the lead rises to the top.
    await tx
      .update(leads)
      .set({
        lastActivityAt: sql`greatest(${leads.lastActivityAt}, ${task.dueAt.toISOString()}::timestamptz)`,
      })
      .where(and(eq(leads.id, task.leadId), eq(leads.dealershipId, dealershipId)));
    return { task };
  });
  if ("skip" in claimed) return { status: "skipped", reason: claimed.skip! };
  const { task } = claimed;
  if (!task.repId || !task.repActive) return { status: "skipped", reason: "no_rep" };

  const wanted = resolveNotificationChannels(task.prefs, "lead_waiting");
  const phone = task.repPhoneVerifiedAt ? normalisePhone(task.repPhone) : null;
  const who = task.customerName ?? "kunden";
  const what = task.kind === "call" ? `Ring ${who}` : `Følg opp ${who}`;
  const link = new URL(`/leads/${task.leadId}`, getEnv().APP_URL).toString();
  const text = [
    `${what} nå`,
    task.customerPhone ? `på ${formatPhoneForDisplay(task.customerPhone)}` : null,
    task.vehicleInterest ? `(${task.vehicleInterest})` : null,
  ]
    .filter(Boolean)
    .join(" ")
    .concat(task.note ? `. ${task.note}` : ".", ` ${link}`);
  const key = `task-due:${task.id}:${task.dueAt.toISOString()}`;
  const channels: ("sms" | "email")[] = [];
  if (phone && wanted.sms) {
    await sendUserSms(tenant, { to: phone, body: text, leadId: task.leadId, idempotencyKey: `${key}:sms` });
    channels.push("sms");
  }
  if (wanted.email && task.repEmail) {
    await sendUserEmail(tenant, {
      to: task.repEmail,
      subject: `Påminnelse: ${what}`.slice(0, 200),
      text: `${text}\n\n- Norvalt`,
      leadId: task.leadId,
      idempotencyKey: `${key}:email`,
    });
    channels.push("email");
  }
  await withTenant(dealershipId, (tx) =>
    tx.insert(leadEvents).values({
      dealershipId,
      leadId: task.leadId,
      type: "task.due",
      actorType: "system",
      data: { taskId: task.id, channels },
    }),
  );
  return { status: "sent", channels };
}
