import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "../../db/schema/operations.ts";
import { followUpRules } from "../../db/schema/follow-ups.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { findDueFollowUps } from "../../lib/follow-ups/find-due-follow-ups.ts";
import { previewFollowUps } from "../../lib/follow-ups/preview-follow-up.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { createTestUser } from "../helpers/factories.ts";
import { createFollowUpDealership, createLeadWithPlan, followUpsOf } from "../helpers/follow-ups.ts";

// Issue 19's server actions through tenantAction: Settings → Oppfølging (admins and managers) and the lead page's
// switch, skip and send now (every role) — happy path, field errors, roles, another dealership's ids.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const settings = await import("../../app/(dashboard)/settings/follow-ups/actions.ts");
const lead = await import("../../app/(dashboard)/leads/[id]/actions.ts");
// Raw form input, as a browser (or an attacker) sends it: not the schema's input type.
const saveRule = settings.updateFollowUpRuleAction as (
  previous: null,
  input: object,
) => ReturnType<typeof settings.updateFollowUpRuleAction>;

async function sessionOf(dealershipId: string, role: Session["role"]): Promise<Session> {
  const u = await createTestUser(dealershipId, { role });
  return {
    userId: u.id,
    dealershipId,
    role,
    name: u.name,
    email: u.email,
    dealershipName: "x",
    via: "builtin",
  };
}

const RULE = {
  enabled: true,
  steps: [
    { delayDays: "2", channel: "email" },
    { delayDays: "5", channel: "sms" },
  ],
  afterLast: "none",
  closeAfterDays: "7",
  maxPerLead: "2",
  approvalHours: "12",
};

let a: { id: string };
let b: { id: string };
beforeAll(async () => {
  a = await createFollowUpDealership();
  b = await createFollowUpDealership();
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

describe("Settings → Oppfølging", () => {
  it("a manager saves the rule (audited), and the preview follows it", async () => {
    signedIn = await sessionOf(a.id, "manager");
    expect(await saveRule(null, RULE)).toEqual({ ok: true, data: { saved: true } });
    const [rule] = await withTenant(a.id, (tx) =>
      tx.select().from(followUpRules).where(eq(followUpRules.dealershipId, a.id)),
    );
    expect(rule).toMatchObject({
      steps: [
        { delayDays: 2, channel: "email" },
        { delayDays: 5, channel: "sms" },
      ],
      maxPerLead: 2,
    });
    const audit = await withTenant(a.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.dealershipId, a.id), eq(auditLog.action, "follow_up_rule.update"))),
    );
    expect(audit).toHaveLength(1);
    const preview = await previewFollowUps({ dealershipId: a.id });
    expect(preview.map((p) => [p.step, p.delayDays, p.channel])).toEqual([
      [1, 2, "email"],
      [2, 5, "sms"],
    ]);
    expect(preview[1]!.body).toContain("Dette er siste gang");
    expect(preview[0]!.body).toContain("skrevet automatisk av Norvalt");
  });

  it("shows field errors beside the fields: days out of order, too many, not a number, HTML", async () => {
    signedIn = await sessionOf(a.id, "admin");
    const result = await saveRule(null, {
      ...RULE,
      steps: [
        { delayDays: "5", channel: "email" },
        { delayDays: "3", channel: "email" },
        { delayDays: "<script>", channel: "fax" },
      ],
      maxPerLead: "99",
    });
    expect(result).toMatchObject({ ok: false });
    const fields = (result as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["maxPerLead", "steps"]);
    expect(fields.steps).toEqual(
      expect.arrayContaining(["Velg mellom 1 og 30 dager", "Velg e-post eller SMS"]),
    );
    const order = await saveRule(null, {
      ...RULE,
      steps: [
        { delayDays: "5", channel: "email" },
        { delayDays: "3", channel: "email" },
      ],
    });
    expect((order as { fieldErrors: Record<string, string[]> }).fieldErrors.steps).toEqual([
      "Hvert steg må komme etter det forrige",
    ]);
    const tooMany = await saveRule(null, {
      ...RULE,
      steps: Array.from({ length: 6 }, (_, i) => ({ delayDays: String(i + 1), channel: "email" })),
    });
    expect((tooMany as { fieldErrors: Record<string, string[]> }).fieldErrors.steps).toEqual([
      "Høyst fem steg",
    ]);
  });

  it("refuses a sales rep", async () => {
    signedIn = await sessionOf(a.id, "sales_rep");
    expect(await saveRule(null, RULE)).toEqual({
      ok: false,
      error: "Du har ikke tilgang til dette",
    });
  });
});

describe("the lead page", () => {
  it("a rep switches a lead to 'Ingen oppfølging' and back; skip and send now; the due list shows the rest", async () => {
    const d = await createFollowUpDealership();
    const l = await createLeadWithPlan(d.id);
    signedIn = await sessionOf(d.id, "sales_rep");
    expect(await lead.setLeadFollowUpsOffAction(null, { leadId: l.id, off: true })).toMatchObject({
      ok: true,
    });
    expect((await followUpsOf(d.id, l.id)).map((f) => f.stopReason)).toEqual([
      "switched_off",
      "switched_off",
      "switched_off",
    ]);
    expect(await lead.setLeadFollowUpsOffAction(null, { leadId: l.id, off: false })).toMatchObject({
      ok: true,
    });
    const rows = await followUpsOf(d.id, l.id);
    expect(rows.map((f) => f.status)).toEqual(["scheduled", "scheduled", "scheduled"]);
    const skipped = await lead.skipFollowUpAction(null, { followUpId: rows[0]!.id });
    expect(skipped, JSON.stringify(skipped)).toMatchObject({ ok: true });
    expect(await lead.sendFollowUpNowAction(null, { followUpId: rows[1]!.id })).toMatchObject({ ok: true });
    const after = await followUpsOf(d.id, l.id);
    expect(after.find((f) => f.id === rows[0]!.id)!.status).toBe("skipped");
    expect(after.find((f) => f.id === rows[1]!.id)!.status).toBe("queued");
    // Skipping twice: nothing left to skip.
    expect(await lead.skipFollowUpAction(null, { followUpId: rows[0]!.id })).toMatchObject({ ok: false });
    const due = await findDueFollowUps(signedIn, new Date());
    expect(due.map((r) => r.id)).not.toContain(rows[0]!.id);
  });

  it("field errors for a bad id; another dealership's lead and follow-up are not found", async () => {
    const c = await createFollowUpDealership();
    const l = await createLeadWithPlan(c.id);
    const [first] = await followUpsOf(c.id, l.id);
    signedIn = await sessionOf(b.id, "admin");
    expect(await lead.skipFollowUpAction(null, { followUpId: "nope" })).toMatchObject({
      ok: false,
      fieldErrors: { followUpId: expect.any(Array) },
    });
    expect(await lead.skipFollowUpAction(null, { followUpId: first!.id })).toMatchObject({ ok: false });
    expect(await lead.sendFollowUpNowAction(null, { followUpId: first!.id })).toMatchObject({ ok: false });
    expect(await lead.setLeadFollowUpsOffAction(null, { leadId: l.id, off: true })).toMatchObject({
      ok: false,
    });
    expect((await followUpsOf(c.id, l.id)).map((f) => f.status)).toEqual([
      "scheduled",
      "scheduled",
      "scheduled",
    ]);
  });

  it("the due list has today's and this week's follow-ups, a rep only their own leads'", async () => {
    const d = await createFollowUpDealership();
    const rep = await sessionOf(d.id, "sales_rep");
    const mine = await createLeadWithPlan(d.id, { assignedTo: rep.userId });
    const other = await createLeadWithPlan(d.id);
    const now = new Date("2026-11-05T07:00:00Z"); // Thursday 08:00 Oslo: step 1 today, step 2 on Monday
    const manager = await sessionOf(d.id, "manager");
    const all = await findDueFollowUps(manager, now);
    expect(all.filter((r) => r.leadId === mine.id).map((r) => [r.step, r.today])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(all.some((r) => r.leadId === other.id)).toBe(true);
    const own = await findDueFollowUps(rep, now);
    expect(new Set(own.map((r) => r.leadId))).toEqual(new Set([mine.id]));
  });
});
