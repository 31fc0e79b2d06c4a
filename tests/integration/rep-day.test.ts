// First: its vi.mock of the session must be in place before any module that reads the session loads.
import {
  fjordbil,
  intruder,
  manager,
  rep,
  setUpLeadActionTenants,
  signIn,
} from "../helpers/lead-actions-fixture.ts";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { leadTasks } from "../../db/schema/lead-work.ts";
import { leads } from "../../db/schema/leads.ts";
import { auditLog, outboxMessages } from "../../db/schema/operations.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { findLeadPage } from "../../lib/leads/find-leads.ts";
import { markLeadRead } from "../../lib/leads/mark-lead-read.ts";
import { nextActionOf } from "../../lib/leads/next-action.ts";
import { requestedCallAtOf } from "../../lib/leads/requested-call-at.ts";
import { notifyTaskDue } from "../../lib/messaging/notify-task-due.ts";
import { createTestLead, createTestUser } from "../helpers/factories.ts";

// Issue 18's rep's day through the real actions and queries: next action, tasks, calls, unread, views, search,
// bulk. Only who is signed in and cache revalidation are replaced. Vestland's admin tries Fjordbil's ids.
const actions = await import("../../app/(dashboard)/leads/[id]/actions.ts");
const { bulkLeadsAction } = await import("../../app/(dashboard)/leads/actions.ts");

setUpLeadActionTenants({ fjordbil: "Fjordbil Dag AS", vestland: "Vestland Dag AS" });

const leadOf = (id: string) =>
  withTenant(fjordbil.id, async (tx) => (await tx.select().from(leads).where(eq(leads.id, id)))[0]!);
const message = (leadId: string, values: Partial<typeof conversations.$inferInsert>) =>
  withTenant(fjordbil.id, (tx) =>
    tx.insert(conversations).values({
      dealershipId: fjordbil.id,
      leadId,
      channel: "email",
      direction: "inbound",
      senderType: "customer",
      messageContent: "Hei",
      ...values,
    }),
  );
const tomorrow = () => {
  const d = new Date(Date.now() + 86_400_000);
  return d.toISOString().slice(0, 10);
};
const rowOf = async (session: Session, leadId: string, filter = {}) =>
  (await findLeadPage(session, { viewerId: session.userId, limit: 100, ...filter })).leads.find(
    (l) => l.id === leadId,
  );

describe("next action through a lead's life", () => {
  it("new → Trenger svar; AI answered → Ring kunden; call logged with a task → Ring kunden at the due time", async () => {
    const lead = await createTestLead(fjordbil.id, {
      assignedTo: rep.userId,
      customerPhone: "+4791234567",
      phoneNormalized: "+4791234567",
    });
    let row = (await rowOf(rep, lead.id))!;
    expect(nextActionOf({ ...row, createdAt: row.createdAt }).kind).toBe("needs_reply");
    expect((await rowOf(rep, lead.id, { view: "mine" }))?.id).toBe(lead.id);

    await message(lead.id, { direction: "outbound", senderType: "ai", deliveryStatus: "pending" });
    row = (await rowOf(rep, lead.id))!;
    expect(row.lastOutboundAt).not.toBeNull();
    expect(nextActionOf(row).kind).toBe("call");

    signIn(rep);
    const bad = await actions.logCallAction(null, {
      leadId: lead.id,
      outcome: "no_answer",
      next: "call",
      dueDate: tomorrow(),
      dueTime: "25:00",
    });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { dueTime: [expect.any(String)] } });
    expect(
      await actions.logCallAction(null, { leadId: lead.id, outcome: "maybe" as "reached" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { outcome: [expect.any(String)] },
    });
    const logged = await actions.logCallAction(null, {
      leadId: lead.id,
      outcome: "no_answer",
      note: "<script>alert(1)</script> ringer igjen",
      next: "call",
      dueDate: tomorrow(),
      dueTime: "10:00",
    });
    expect(logged).toMatchObject({ ok: true, data: { taskId: expect.any(String) } });
    const after = await leadOf(lead.id);
    expect(after.humanRespondedAt).not.toBeNull();
    row = (await rowOf(rep, lead.id))!;
    const action = nextActionOf(row);
    expect(action.kind).toBe("call");
    expect(action.dueAt?.toISOString()).toBe(row.taskDueAt?.toISOString());
    // Oslo 10:00 the next day is 09:00 or 08:00 UTC.
    expect(row.taskDueAt!.getUTCHours()).toBeLessThanOrEqual(9);
    // A call at a future time is not "needs action" now; it is once it is due.
    expect(await rowOf(rep, lead.id, { view: "mine" })).toBeUndefined();
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect((await rowOf(rep, lead.id, { view: "mine", now: later }))?.id).toBe(lead.id);
    expect((await rowOf(rep, lead.id, { view: "waiting", now: later }))?.id).toBe(lead.id);

    const events = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(leadEvents).where(eq(leadEvents.leadId, lead.id)),
    );
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["call.logged", "task.created"]));
    expect(events.find((e) => e.type === "call.logged")!.data).toMatchObject({
      outcome: "no_answer",
      note: "<script>alert(1)</script> ringer igjen",
    });
    const audits = await withTenant(fjordbil.id, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.targetId, lead.id)),
    );
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["lead.call_logged", "lead.task_created"]),
    );
  });

  it("a customer who asked to be called at a time gets 'Ring kunden' due then, until a rep's task says otherwise", async () => {
    // Tuesday 10 March 2026, 14:00 in Oslo: "ring meg i morgen kl. 10" is Wednesday 10:00 Oslo (09:00 UTC).
    const writtenAt = new Date("2026-03-10T13:00:00Z");
    const lead = await createTestLead(fjordbil.id, {
      customerPhone: "+4791234568",
      phoneNormalized: "+4791234568",
      initialMessage: "Hei! Er Model Y-en ledig? Kan dere ringe meg i morgen kl. 10? Mvh Kari",
      createdAt: writtenAt,
      lastInboundAt: writtenAt,
    });
    await message(lead.id, { direction: "outbound", senderType: "ai", deliveryStatus: "sent" });
    let row = (await rowOf(manager, lead.id))!;
    const requestedCallAt = requestedCallAtOf(row, "Europe/Oslo");
    expect(requestedCallAt?.toISOString()).toBe("2026-03-11T09:00:00.000Z");
    expect(nextActionOf({ ...row, requestedCallAt }, new Date("2026-03-10T15:00:00Z"))).toEqual({
      kind: "call",
      dueAt: requestedCallAt,
      overdue: false,
    });
    expect(nextActionOf({ ...row, requestedCallAt }, new Date("2026-03-11T09:30:00Z")).overdue).toBe(true);

    // The rep's own task (no answer, try again Thursday) replaces the customer's time.
    signIn(manager);
    const logged = await actions.logCallAction(null, {
      leadId: lead.id,
      outcome: "no_answer",
      next: "call",
      dueDate: "2026-03-12",
      dueTime: "12:00",
    });
    expect(logged).toMatchObject({ ok: true });
    row = (await rowOf(manager, lead.id))!;
    expect(nextActionOf({ ...row, requestedCallAt: requestedCallAtOf(row, "Europe/Oslo") }).dueAt).toEqual(
      new Date("2026-03-12T11:00:00Z"),
    );
  });

  it("the customer's reply moves the lead to the top, unread, as Trenger svar; opening it reads it", async () => {
    const older = await createTestLead(fjordbil.id, {
      assignedTo: rep.userId,
      createdAt: new Date(Date.now() - 3_600_000),
    });
    await message(older.id, {
      direction: "outbound",
      senderType: "human",
      deliveryStatus: "sent",
      createdAt: new Date(Date.now() - 3_000_000),
    });
    await createTestLead(fjordbil.id, { assignedTo: rep.userId });
    await markLeadRead(rep, older.id);
    let row = (await rowOf(rep, older.id))!;
    expect(row.unread).toBe(false);
    expect(nextActionOf(row).kind).toBe("waiting");

    await message(older.id, { messageContent: "Kan dere ringe meg om Tiguanen?" });
    const page = await findLeadPage(rep, { viewerId: rep.userId, assignedTo: rep.userId });
    expect(page.leads[0]!.id).toBe(older.id);
    row = page.leads[0]!;
    expect(row.unread).toBe(true);
    expect(nextActionOf(row).kind).toBe("needs_reply");
    // Another user's markers are their own.
    expect((await rowOf(manager, older.id))!.unread).toBe(true);
    await markLeadRead(rep, older.id);
    expect((await rowOf(rep, older.id))!.unread).toBe(false);

    // Search finds a word of the message; the other dealership's search does not.
    expect((await findLeadPage(rep, { search: "tiguan" })).leads.map((l) => l.id)).toContain(older.id);
    expect((await findLeadPage(intruder, { search: "tiguan" })).leads).toEqual([]);
  });

  it("counts each status tab under the other filters", async () => {
    const page = await findLeadPage(rep, { assignedTo: rep.userId });
    expect(page.statusCounts.all).toBe(page.total);
    expect(page.statusCounts.new).toBeGreaterThanOrEqual(3);
  });
});

describe("tasks", () => {
  it("creates, snoozes and completes; refuses bad input and other dealerships", async () => {
    const lead = await createTestLead(fjordbil.id, { assignedTo: rep.userId });
    signIn(rep);
    expect(
      await actions.createTaskAction(null, { leadId: lead.id, dueDate: "i morgen", dueTime: "10:00" }),
    ).toMatchObject({ ok: false, fieldErrors: { dueDate: [expect.any(String)] } });
    expect(
      await actions.createTaskAction(null, {
        leadId: lead.id,
        dueDate: tomorrow(),
        dueTime: "10:00",
        note: "x".repeat(501),
      }),
    ).toMatchObject({ ok: false, fieldErrors: { note: [expect.any(String)] } });
    const created = await actions.createTaskAction(null, {
      leadId: lead.id,
      kind: "follow_up",
      dueDate: tomorrow(),
      dueTime: "10.00",
      note: "Send finansieringstilbud 🚗",
    });
    expect(created).toMatchObject({ ok: true });
    const taskId = created?.ok ? created.data.taskId : "";
    const before = await withTenant(
      fjordbil.id,
      async (tx) => (await tx.select().from(leadTasks).where(eq(leadTasks.id, taskId)))[0]!,
    );
    expect(before).toMatchObject({
      kind: "follow_up",
      assignedTo: rep.userId,
      note: "Send finansieringstilbud 🚗",
    });

    signIn(intruder);
    expect(await actions.snoozeTaskAction(null, { taskId, by: "1h" })).toMatchObject({ ok: false });
    expect(await actions.completeTaskAction(null, { taskId })).toMatchObject({ ok: false });
    expect(
      await actions.createTaskAction(null, { leadId: lead.id, dueDate: tomorrow(), dueTime: "10:00" }),
    ).toMatchObject({ ok: false });
    expect(await actions.logCallAction(null, { leadId: lead.id, outcome: "reached" })).toMatchObject({
      ok: false,
    });

    signIn(rep);
    expect(await actions.snoozeTaskAction(null, { taskId, by: "1d" })).toMatchObject({ ok: true });
    const snoozed = await withTenant(
      fjordbil.id,
      async (tx) => (await tx.select().from(leadTasks).where(eq(leadTasks.id, taskId)))[0]!,
    );
    expect(snoozed.dueAt.getTime() - before.dueAt.getTime()).toBe(86_400_000);
    expect(await actions.completeTaskAction(null, { taskId })).toMatchObject({ ok: true });
    expect(await actions.completeTaskAction(null, { taskId })).toMatchObject({ ok: false });
  });

  it("tells the task's rep when it comes due, once, and not after a snooze moved it", async () => {
    const phoneRep = await createTestUser(fjordbil.id, { role: "sales_rep", phone: "+4790011223" });
    const lead = await createTestLead(fjordbil.id, {
      assignedTo: phoneRep.id,
      customerName: "Kari Nordmann",
      customerPhone: "+4791234567",
    });
    signIn({ ...rep, userId: phoneRep.id, name: phoneRep.name });
    const created = await actions.createTaskAction(null, {
      leadId: lead.id,
      dueDate: tomorrow(),
      dueTime: "10:00",
    });
    const taskId = created?.ok ? created.data.taskId : "";
    const task = await withTenant(
      fjordbil.id,
      async (tx) => (await tx.select().from(leadTasks).where(eq(leadTasks.id, taskId)))[0]!,
    );
    const tenant = { dealershipId: fjordbil.id };
    expect(await notifyTaskDue(tenant, { taskId, dueAt: new Date(0).toISOString() })).toEqual({
      status: "skipped",
      reason: "moved",
    });
    expect(await notifyTaskDue(tenant, { taskId, dueAt: task.dueAt.toISOString() })).toMatchObject({
      status: "sent",
      channels: ["sms"],
    });
    expect(await notifyTaskDue(tenant, { taskId, dueAt: task.dueAt.toISOString() })).toMatchObject({
      status: "skipped",
      reason: "already_notified",
    });
    const sms = await withTenant(fjordbil.id, (tx) =>
      tx
        .select({ body: outboxMessages.bodyText })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.toAddress, "+4790011223"), eq(outboxMessages.channel, "sms"))),
    );
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain("Ring Kari Nordmann");
    expect(sms[0]!.body).toContain("91 23 45 67");
    expect((await leadOf(lead.id)).lastActivityAt!.getTime()).toBe(task.dueAt.getTime());
  });
});

describe("bulk", () => {
  it("a manager assigns or marks spam; a rep may not; other dealerships' ids match nothing", async () => {
    const [a, b] = [await createTestLead(fjordbil.id), await createTestLead(fjordbil.id)];
    signIn(rep);
    expect(
      await bulkLeadsAction(null, { leadIds: [a.id], action: "assign", assignedTo: rep.userId }),
    ).toMatchObject({ ok: false, error: "Du har ikke tilgang til dette" });
    signIn(manager);
    expect(await bulkLeadsAction(null, { leadIds: [], action: "assign" })).toMatchObject({
      ok: false,
      fieldErrors: { leadIds: [expect.any(String)] },
    });
    expect(
      await bulkLeadsAction(null, { leadIds: [a.id], action: "assign", assignedTo: intruder.userId }),
    ).toMatchObject({ ok: false, fieldErrors: { assignedTo: [expect.any(String)] } });
    expect(
      await bulkLeadsAction(null, { leadIds: [a.id, b.id], action: "assign", assignedTo: rep.userId }),
    ).toMatchObject({ ok: true, data: { updated: 2 } });
    expect((await leadOf(a.id)).assignedTo).toBe(rep.userId);
    expect(await bulkLeadsAction(null, { leadIds: [b.id], action: "spam" })).toMatchObject({ ok: true });
    expect((await leadOf(b.id)).isSpam).toBe(true);

    signIn(intruder);
    expect(await bulkLeadsAction(null, { leadIds: [a.id], action: "spam" })).toMatchObject({ ok: false });
    expect((await leadOf(a.id)).isSpam).toBe(false);
  });
});
