import { and, count, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { closeDb, getDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { assignLead } from "../../lib/leads/assign-lead.ts";
import { ingestLead, MERGE_WINDOW_MS, RESEND_WINDOW_MS } from "../../lib/leads/ingest-lead.ts";
import { normalisePhone } from "../../lib/leads/normalise-contact.ts";
import { createTestDealership, createTestUser } from "../helpers/factories.ts";

afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

let dealershipId: string;
beforeAll(async () => {
  dealershipId = (await createTestDealership()).id;
  await createTestUser(dealershipId, { role: "sales_rep", phone: "+4791234567" });
});

const unique = () => crypto.randomUUID().slice(0, 8);
const form = (overrides: Record<string, unknown> = {}) => ({
  source: "website" as const,
  name: "Ola Nordmann",
  email: `ola-${unique()}@example.no`,
  phone: "912 34 567",
  vehicleInterest: "Skoda Enyaq",
  message: "Er bilen fortsatt til salgs?",
  ...overrides,
});

/** Jobs of a kind for a lead, read straight from pg-boss's table. */
async function jobsFor(name: string, leadId: string): Promise<number> {
  const { rows } = await getDb().execute<{ n: number }>(
    sql`select count(*)::int as n from pgboss.job where name = ${name} and data->>'leadId' = ${leadId}`,
  );
  return rows[0]!.n;
}

async function leadRows(email: string) {
  return withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(leads)
      .where(and(eq(leads.dealershipId, dealershipId), eq(leads.emailNormalized, email))),
  );
}

describe("ingestLead", () => {
  it("creates a normalised lead with its message, event, assigned rep and exactly one reply job", async () => {
    const input = form({ email: `  Kari.${unique()}@Example.NO ` });
    const result = await ingestLead({ dealershipId }, input);
    expect(result.status).toBe("created");
    const [lead] = await withTenant(dealershipId, (tx) =>
      tx.select().from(leads).where(eq(leads.id, result.leadId)),
    );
    expect(lead).toMatchObject({
      emailNormalized: input.email.trim().toLowerCase(),
      phoneNormalized: "+4791234567",
      source: "website",
      status: "new",
      // Assigned by lead.respond in the worker, just before the rep is texted.
      assignedTo: null,
      submissionCount: 1,
    });
    const messages = await withTenant(dealershipId, (tx) =>
      tx.select().from(conversations).where(eq(conversations.leadId, result.leadId)),
    );
    expect(messages).toMatchObject([
      { direction: "inbound", senderType: "customer", messageContent: "Er bilen fortsatt til salgs?" },
    ]);
    const events = await withTenant(dealershipId, (tx) =>
      tx.select().from(leadEvents).where(eq(leadEvents.leadId, result.leadId)),
    );
    expect(events).toMatchObject([{ type: "lead.created", data: { source: "website" } }]);
    expect(await jobsFor("lead.respond", result.leadId)).toBe(1);
  });

  it("assigns leads round robin over the active sales reps, skipping inactive ones and other roles", async () => {
    const shop = (await createTestDealership()).id;
    const reps = [
      (await createTestUser(shop, { role: "sales_rep" })).id,
      (await createTestUser(shop, { role: "sales_rep" })).id,
    ];
    await createTestUser(shop, { role: "sales_rep", isActive: false });
    await createTestUser(shop, { role: "manager" });
    const assigned: (string | null)[] = [];
    // Manual leads are assigned at ingest; the others by lead.respond through the same round robin (assignLead).
    for (let i = 0; i < 2; i++) {
      const { leadId } = await ingestLead({ dealershipId: shop }, form({ source: "manual" }));
      const [row] = await withTenant(shop, (tx) =>
        tx.select({ a: leads.assignedTo }).from(leads).where(eq(leads.id, leadId)),
      );
      assigned.push(row!.a);
    }
    for (let i = 0; i < 2; i++) {
      const { leadId } = await ingestLead({ dealershipId: shop }, form());
      const { userId } = await assignLead({ dealershipId: shop }, leadId);
      assigned.push(userId);
    }
    expect(assigned).toEqual([reps[0], reps[1], reps[0], reps[1]]);
  });

  it("assigns to a manager when the dealership has no active sales rep, and keeps an active assignment", async () => {
    const shop = (await createTestDealership()).id;
    const manager = await createTestUser(shop, { role: "manager" });
    const { leadId } = await ingestLead({ dealershipId: shop }, form());
    const first = await assignLead({ dealershipId: shop }, leadId);
    expect(first).toEqual({ userId: manager.id, name: manager.name, changed: true });
    const again = await assignLead({ dealershipId: shop }, leadId);
    expect(again).toEqual({ userId: manager.id, name: manager.name, changed: false });
    const events = await withTenant(shop, (tx) =>
      tx
        .select({ type: leadEvents.type, data: leadEvents.data })
        .from(leadEvents)
        .where(eq(leadEvents.leadId, leadId)),
    );
    expect(events.filter((e) => e.type === "lead.assigned")).toEqual([
      { type: "lead.assigned", data: { assignedTo: manager.id, by: "no_sales_rep" } },
    ]);
  });

  it("spreads leads assigned at the same moment evenly over the reps (each takes the lock for one message only)", async () => {
    const shop = (await createTestDealership()).id;
    const reps = await Promise.all(
      Array.from({ length: 3 }, async () => (await createTestUser(shop, { role: "sales_rep" })).id),
    );
    const leadIds = [];
    for (let i = 0; i < 30; i++) leadIds.push((await ingestLead({ dealershipId: shop }, form())).leadId);
    const assigned = await Promise.all(leadIds.map((leadId) => assignLead({ dealershipId: shop }, leadId)));
    const perRep = reps.map((rep) => assigned.filter((a) => a.userId === rep).length);
    expect(perRep).toEqual([10, 10, 10]);
    expect(assigned.every((a) => a.changed)).toBe(true);
  });

  it("treats the same content within 5 minutes as a resend: same lead, no new job", async () => {
    const t0 = new Date("2026-03-02T10:00:00Z");
    const input = form();
    const first = await ingestLead({ dealershipId }, input, { now: t0 });
    const again = await ingestLead({ dealershipId }, input, {
      now: new Date(t0.getTime() + RESEND_WINDOW_MS - 1000),
    });
    expect(again).toEqual({ leadId: first.leadId, status: "updated" });
    expect(await leadRows(input.email)).toHaveLength(1);
    expect(await jobsFor("lead.respond", first.leadId)).toBe(1);
    expect(await jobsFor("rep.notify", first.leadId)).toBe(0);
  });

  it("merges a new message within 7 days: one lead, two submissions, rep notified instead of a second reply", async () => {
    const t0 = new Date("2026-03-03T10:00:00Z");
    const input = form();
    const first = await ingestLead({ dealershipId }, input, { now: t0 });
    const merged = await ingestLead(
      { dealershipId },
      { ...input, message: "Kan jeg prøvekjøre på lørdag?" },
      { now: new Date(t0.getTime() + 3 * 24 * 3600_000) },
    );
    expect(merged).toEqual({ leadId: first.leadId, status: "merged" });
    const [lead] = await leadRows(input.email);
    expect(lead!.submissionCount).toBe(2);
    expect((lead!.sourceMetadata as { submissions: unknown[] }).submissions).toHaveLength(2);
    const messages = await withTenant(dealershipId, (tx) =>
      tx
        .select({ m: conversations.messageContent })
        .from(conversations)
        .where(eq(conversations.leadId, first.leadId))
        .orderBy(conversations.createdAt),
    );
    expect(messages.map((r) => r.m)).toEqual([
      "Er bilen fortsatt til salgs?",
      "Kan jeg prøvekjøre på lørdag?",
    ]);
    const events = await withTenant(dealershipId, (tx) =>
      tx.select().from(leadEvents).where(eq(leadEvents.leadId, first.leadId)).orderBy(leadEvents.createdAt),
    );
    expect(events.at(-1)).toMatchObject({ type: "lead.merged", data: { reason: "same_email" } });
    expect(await jobsFor("lead.respond", first.leadId)).toBe(1);
    expect(await jobsFor("rep.notify", first.leadId)).toBe(1);
  });

  it("starts a new lead after 7 days", async () => {
    const t0 = new Date("2026-03-04T10:00:00Z");
    const input = form();
    const first = await ingestLead({ dealershipId }, input, { now: t0 });
    const later = await ingestLead(
      { dealershipId },
      { ...input, message: "Ny henvendelse" },
      { now: new Date(t0.getTime() + MERGE_WINDOW_MS + 1000) },
    );
    expect(later.status).toBe("created");
    expect(later.leadId).not.toBe(first.leadId);
  });

  it("dedupes on phone only when there is no e-mail", async () => {
    let phone = "";
    while (!normalisePhone(phone)) phone = `9${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    const first = await ingestLead(
      { dealershipId },
      {
        source: "website",
        name: "Per",
        phone,
        message: "Ring meg",
      },
    );
    const second = await ingestLead(
      { dealershipId },
      {
        source: "website",
        name: "Per",
        phone: `+47 ${phone}`,
        message: "Ring meg i dag",
      },
    );
    expect(second).toEqual({ leadId: first.leadId, status: "merged" });
    const withEmail = await ingestLead(
      { dealershipId },
      {
        source: "website",
        phone,
        email: `per-${unique()}@example.no`,
        message: "Hei",
      },
    );
    expect(withEmail.status).toBe("created");
  });

  it("gives 20 identical concurrent posts exactly one lead and one reply job", async () => {
    const input = form();
    const results = await Promise.all(Array.from({ length: 20 }, () => ingestLead({ dealershipId }, input)));
    const ids = new Set(results.map((r) => r.leadId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === "created")).toHaveLength(1);
    expect(await leadRows(input.email)).toHaveLength(1);
    expect(await jobsFor("lead.respond", [...ids][0]!)).toBe(1);
  });

  it("stores spam, manual and test leads without a reply job", async () => {
    const spam = await ingestLead({ dealershipId }, form({ isSpam: true }));
    const manual = await ingestLead({ dealershipId }, form({ source: "manual" }));
    const test = await ingestLead({ dealershipId }, form({ isTest: true }));
    for (const r of [spam, manual, test]) {
      expect(r.status).toBe("created");
      expect(await jobsFor("lead.respond", r.leadId)).toBe(0);
    }
    const [stored] = await withTenant(dealershipId, (tx) =>
      tx.select().from(leads).where(eq(leads.id, spam.leadId)),
    );
    expect(stored).toMatchObject({ isSpam: true, assignedTo: null });
  });

  it("returns the stored lead when a source replays the same external id", async () => {
    const externalId = `leadgen-${unique()}`;
    const first = await ingestLead({ dealershipId }, form({ source: "facebook", externalId }));
    const replay = await ingestLead(
      { dealershipId },
      form({ source: "facebook", externalId, email: `other-${unique()}@example.no` }),
    );
    expect(replay).toEqual({ leadId: first.leadId, status: "updated" });
  });

  it("rejects input with neither e-mail nor phone", async () => {
    await expect(
      ingestLead({ dealershipId }, { source: "website", name: "Anonym", message: "Hei" }),
    ).rejects.toThrow(/E-post eller telefon/);
  });

  it("leaves neither lead nor job when the transaction fails after the insert", async () => {
    const broken = await createTestDealership();
    // A trigger (installed as the owner) makes the job insert fail for this dealership only.
    const owner = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
    await owner.connect();
    await owner.query(`
      create or replace function pg_temp_fail_job() returns trigger language plpgsql as $$
      begin if new.data->>'dealershipId' = '${broken.id}' then raise exception 'job store down'; end if; return new; end $$;
      create trigger fail_job before insert on pgboss.job for each row execute function pg_temp_fail_job();`);
    try {
      const input = form();
      const failure = await ingestLead({ dealershipId: broken.id }, input).then(
        () => null,
        (err: Error) => err,
      );
      expect(String((failure?.cause as Error | undefined)?.message ?? failure?.message)).toContain(
        "job store down",
      );
      const [{ n }] = (await withTenant(broken.id, (tx) =>
        tx.select({ n: count() }).from(leads).where(eq(leads.dealershipId, broken.id)),
      )) as [{ n: number }];
      expect(n).toBe(0);
      const { rows } = await getDb().execute<{ n: number }>(
        sql`select count(*)::int as n from pgboss.job where data->>'dealershipId' = ${broken.id}`,
      );
      expect(rows[0]!.n).toBe(0);
    } finally {
      await owner.query("drop trigger fail_job on pgboss.job; drop function pg_temp_fail_job()");
      await owner.end();
    }
  });
});
