import { afterAll, describe, expect, it } from "vitest";
import { leadEvents } from "../../db/schema/conversations.ts";
import { leadTasks } from "../../db/schema/lead-work.ts";
import { getAnalyticsSummary } from "../../lib/analytics/get-analytics-summary.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { createTestDealership, createTestLead, createTestUser } from "../helpers/factories.ts";

// Issue 21 × issue 18: a logged call is a human first contact, and the per-rep table counts calls logged in the
// range and open tasks now overdue — for this dealership only.
const oslo = (local: string) => new Date(`${local}+01:00`);
const RANGE = { from: "2026-11-01", to: "2026-11-30" };

async function seedShop(name: string) {
  const d = await createTestDealership({ name, timezone: "Europe/Oslo" });
  const rep = await createTestUser(d.id, { role: "sales_rep", name: `Rita ${name}` });
  const received = oslo("2026-11-10T09:00:00");
  const lead = await createTestLead(d.id, { assignedTo: rep.id, createdAt: received });
  await withTenant(d.id, async (tx) => {
    // Two calls in November (the first 10 minutes after the lead), one in December (outside the range).
    for (const at of ["2026-11-10T09:10:00", "2026-11-11T12:00:00", "2026-12-01T10:00:00"])
      await tx.insert(leadEvents).values({
        dealershipId: d.id,
        leadId: lead.id,
        type: "call.logged",
        actorType: "user",
        actorUserId: rep.id,
        data: { outcome: "no_answer" },
        createdAt: oslo(at),
      });
    await tx.insert(leadTasks).values([
      {
        dealershipId: d.id,
        leadId: lead.id,
        kind: "call",
        dueAt: new Date(Date.now() - 3_600_000),
        assignedTo: rep.id,
      },
      {
        dealershipId: d.id,
        leadId: lead.id,
        kind: "call",
        dueAt: new Date(Date.now() + 3_600_000),
        assignedTo: rep.id,
      },
      {
        dealershipId: d.id,
        leadId: lead.id,
        kind: "follow_up",
        dueAt: new Date(Date.now() - 7_200_000),
        assignedTo: rep.id,
        doneAt: new Date(),
      },
    ]);
  });
  return { d, rep };
}

afterAll(closeDb);

describe("analytics: calls and tasks", () => {
  it("counts a logged call as the human first contact and per rep, and overdue open tasks", async () => {
    const a = await seedShop("Ringebil");
    const b = await seedShop("Annenbil");
    const { current } = await getAnalyticsSummary(
      { dealershipId: a.d.id, apiKeyId: "test", via: "api_key" },
      RANGE,
    );
    expect(current.speed.humanFirstContact).toMatchObject({ count: 1, p50: 600 });
    const row = current.reps.find((r) => r.userId === a.rep.id);
    expect(row).toMatchObject({ callsLogged: 2, openTasksOverdue: 1 });
    // The other dealership's rep and numbers never appear.
    expect(current.reps.some((r) => r.userId === b.rep.id)).toBe(false);
  });
});
