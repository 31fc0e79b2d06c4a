import { and, eq, sql } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { conversations } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { auditLog } from "../../db/schema/operations.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { anonymiseStaleLeads } from "../../lib/privacy/anonymise-stale-leads.ts";
import { createTestDealership, createTestLead } from "../helpers/factories.ts";

afterAll(() => closeDb());

const DAY = 86_400_000;
const monthsAgo = (months: number, from = new Date()) => {
  const d = new Date(from);
  d.setMonth(d.getMonth() - months);
  return d;
};

it("anonymises leads past the dealership's retention by the clock it is given, and only those", async () => {
  const short = await createTestDealership({ name: "Kort lagring", retentionMonths: 6 });
  const long = await createTestDealership({ name: "Lang lagring" });
  expect(long.retentionMonths).toBe(24);
  const activity = (date: Date) => ({ lastActivityAt: date, createdAt: date });
  const stale = await createTestLead(short.id, { customerName: "Gammel Kunde", ...activity(monthsAgo(7)) });
  const soon = await createTestLead(short.id, { customerName: "Snart Gammel", ...activity(monthsAgo(5)) });
  const kept = await createTestLead(long.id, { customerName: "Lang Kunde", ...activity(monthsAgo(7)) });
  await withTenant(short.id, (tx) =>
    tx.insert(conversations).values({
      dealershipId: short.id,
      leadId: stale.id,
      channel: "email",
      direction: "inbound",
      senderType: "customer",
      sender: "Gammel Kunde",
      messageContent: "Hei, Gammel Kunde her",
      createdAt: monthsAgo(7),
    }),
  );
  const scope = { dealershipIds: [short.id, long.id] };

  const today = await anonymiseStaleLeads({ ...scope, now: new Date() });
  expect(today).toMatchObject({ dealerships: 1, leadsAnonymised: 1 });
  const read = (dealershipId: string, id: string) =>
    withTenant(dealershipId, async (tx) => (await tx.select().from(leads).where(eq(leads.id, id)))[0]!);
  expect(await read(short.id, stale.id)).toMatchObject({ customerName: null, customerEmail: null });
  expect((await read(short.id, stale.id)).anonymisedAt).toBeInstanceOf(Date);
  expect((await read(short.id, soon.id)).customerName).toBe("Snart Gammel");
  expect((await read(long.id, kept.id)).customerName).toBe("Lang Kunde");
  const [message] = await withTenant(short.id, (tx) =>
    tx.select().from(conversations).where(eq(conversations.leadId, stale.id)),
  );
  expect(message).toMatchObject({ messageContent: "", sender: null });

  // Two months on, the second lead has passed six months too; an anonymised lead is not counted again.
  const later = await anonymiseStaleLeads({ ...scope, now: new Date(Date.now() + 61 * DAY) });
  expect(later).toMatchObject({ leadsAnonymised: 1 });
  expect((await read(short.id, soon.id)).customerName).toBeNull();
  expect((await read(long.id, kept.id)).customerName).toBe("Lang Kunde");

  const reports = await withTenant(short.id, (tx) =>
    tx
      .select({ data: auditLog.data })
      .from(auditLog)
      .where(and(eq(auditLog.dealershipId, short.id), eq(auditLog.action, "privacy.retention")))
      .orderBy(sql`created_at`),
  );
  expect(reports.map((r) => r.data.leads)).toEqual([1, 1]);
  expect(JSON.stringify(reports)).not.toMatch(/Gammel|Snart/);
});
