import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { conversations, leadEvents, leadStatusHistory } from "../../db/schema/conversations.ts";
import { emails } from "../../db/schema/emails.ts";
import type { LeadStatus } from "../../db/schema/enums.ts";
import { llmCalls } from "../../db/schema/llm-calls.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { createTestAdminWithKey, createTestLead, createTestUser } from "../helpers/factories.ts";

// Every figure of the Analyse page / GET /api/analytics/summary on a seeded month with known answers, each also
// checked against an independent SQL count written differently from the implementation (calendar days by
// `at time zone`, percentiles by percentile_cont). November 2026 in Oslo is CET (UTC+1): leads at 00:30 on the
// 1st and 23:59:59 on the 30th are in, 23:59:59 on 31 October and 00:00 on 1 December are not.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({ getSession: async () => signedIn }));
const { GET: summaryRoute } = await import("../../app/api/analytics/summary/route.ts");
const { GET: exportRoute } = await import("../../app/api/analytics/export/route.ts");

const FROM = "2026-11-01";
const TO = "2026-11-30";
const oslo = (local: string) => new Date(`${local}+01:00`);
const plus = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);

type Fixture = Awaited<ReturnType<typeof createTestAdminWithKey>> & {
  rep1: Session;
  rep2: Session;
  manager: Session;
};
let a: Fixture;
let b: Fixture;

async function withMembers(name: string): Promise<Fixture> {
  const base = await createTestAdminWithKey(name, { timezone: "Europe/Oslo" });
  const member = async (role: Session["role"], label: string): Promise<Session> => {
    const u = await createTestUser(base.dealership.id, { role, name: `${label} ${name.split(" ")[0]}` });
    return { ...base.session, userId: u.id, role, name: u.name, email: u.email };
  };
  return {
    ...base,
    rep1: await member("sales_rep", "Anne Selger"),
    rep2: await member("sales_rep", "Bjørn Selger"),
    manager: await member("manager", "Cecilie Leder"),
  };
}

type Seed = {
  at: Date;
  source?: "website" | "email" | "facebook";
  status?: LeadStatus;
  history?: { status: LeadStatus; reason?: string }[];
  ai?: { after: number; status: "sent" | "delivered" | "cancelled" | "draft" }[];
  human?: { after: number; status: "sent" | "failed" }[];
  assignedTo?: string;
  vehicleId?: string;
  vehicleInterest?: string;
  email?: { date?: string; received: Date };
  events?: { type: string; data: Record<string, unknown> }[];
  isSpam?: boolean;
  isTest?: boolean;
};

async function seedLead(dealershipId: string, s: Seed) {
  const lead = await createTestLead(dealershipId, {
    createdAt: s.at,
    source: s.source ?? "website",
    status: s.status ?? "new",
    assignedTo: s.assignedTo,
    vehicleId: s.vehicleId,
    vehicleInterest: s.vehicleInterest,
    isSpam: s.isSpam ?? false,
    isTest: s.isTest ?? false,
  });
  await withTenant(dealershipId, async (tx) => {
    const message = (senderType: "ai" | "human", after: number, deliveryStatus: string) => ({
      dealershipId,
      leadId: lead.id,
      channel: "email" as const,
      direction: "outbound" as const,
      senderType,
      messageContent: "Hei!",
      deliveryStatus: deliveryStatus as "sent",
      createdAt: plus(s.at, after),
    });
    const rows = [
      ...(s.ai ?? []).map((m) => message("ai", m.after, m.status)),
      ...(s.human ?? []).map((m) => message("human", m.after, m.status)),
    ];
    if (rows.length) await tx.insert(conversations).values(rows);
    let previous: LeadStatus = "new";
    for (const [i, h] of (s.history ?? []).entries()) {
      await tx.insert(leadStatusHistory).values({
        dealershipId,
        leadId: lead.id,
        oldStatus: previous,
        newStatus: h.status,
        reason: h.reason,
        changedAt: plus(s.at, 3600 * (i + 1)),
      });
      previous = h.status;
    }
    for (const e of s.events ?? [])
      await tx.insert(leadEvents).values({ dealershipId, leadId: lead.id, actorType: "user", ...e });
    if (s.email)
      await tx.insert(emails).values({
        dealershipId,
        leadId: lead.id,
        messageId: `<${lead.id}@example.no>`,
        headers: s.email.date ? { date: [s.email.date] } : {},
        intake: "upload",
        rawContentType: "message/rfc822",
        raw: Buffer.from("x"),
        sizeBytes: 1,
        classification: "sales_inquiry",
        receivedAt: s.email.received,
      });
  });
  return lead;
}

async function seed(f: Fixture) {
  const d = f.dealership.id;
  const [v1, v2] = await withTenant(d, (tx) =>
    tx
      .insert(vehicles)
      .values([
        { dealershipId: d, make: "Volkswagen", model: "ID.4", variant: "Pro", year: 2023, priceNok: 389_900 },
        { dealershipId: d, make: "Tesla", model: "Model 3", year: 2022, priceNok: 299_000 },
      ])
      .returning({ id: vehicles.id }),
  );
  // L1: just after midnight on Sunday 1 November (closed), AI in 1 min, a person in 2 h; the draft was edited.
  await seedLead(d, {
    at: oslo("2026-11-01T00:30:00"),
    status: "contacted",
    history: [{ status: "contacted" }],
    ai: [{ after: 60, status: "sent" }],
    human: [{ after: 7200, status: "sent" }],
    assignedTo: f.rep1.userId,
    vehicleInterest: "Volkswagen ID.4",
    events: [{ type: "ai.draft_approved", data: { edited: true } }],
  });
  // L2: Monday 10:00 (open), e-mail sent 09:50, received 09:58; won.
  await seedLead(d, {
    at: oslo("2026-11-02T10:00:00"),
    source: "email",
    status: "won",
    history: [{ status: "contacted" }, { status: "qualified" }, { status: "won" }],
    ai: [
      { after: 120, status: "delivered" },
      { after: 9000, status: "sent" },
    ],
    human: [{ after: 1800, status: "sent" }],
    assignedTo: f.rep1.userId,
    email: { date: "Mon, 02 Nov 2026 09:50:00 +0100", received: oslo("2026-11-02T09:58:00") },
    events: [{ type: "ai.draft_approved", data: { edited: false } }],
  });
  // L3: Tuesday 18:30 (closed since 17:00), lost with a reason; a failed human message does not count.
  await seedLead(d, {
    at: oslo("2026-11-03T18:30:00"),
    source: "facebook",
    status: "lost",
    history: [{ status: "contacted" }, { status: "lost", reason: "Kjøpte annen bil" }],
    ai: [{ after: 30, status: "sent" }],
    human: [{ after: 100, status: "failed" }],
    assignedTo: f.rep2.userId,
    vehicleInterest: "  ",
    events: [{ type: "ai.reply_drafted", data: { fallbackReason: "guardrails" } }],
  });
  // L4: the last second of 30 November, never answered.
  await seedLead(d, {
    at: oslo("2026-11-30T23:59:59"),
    assignedTo: f.rep2.userId,
    vehicleId: v1!.id,
  });
  // L5: Tuesday noon, the AI's reply was cancelled, a person answered in 400 s; no Date header.
  await seedLead(d, {
    at: oslo("2026-11-10T12:00:00"),
    source: "email",
    status: "qualified",
    history: [{ status: "contacted" }, { status: "qualified" }],
    ai: [{ after: 20, status: "cancelled" }],
    human: [{ after: 400, status: "sent" }],
    assignedTo: f.rep1.userId,
    vehicleId: v1!.id,
    email: { received: oslo("2026-11-10T11:59:00") },
    events: [{ type: "ai.draft_discarded", data: {} }],
  });
  // L6: Sunday, AI after 5000 s, lost without a reason, unassigned.
  await seedLead(d, {
    at: oslo("2026-11-15T11:00:00"),
    status: "lost",
    history: [{ status: "lost" }],
    ai: [{ after: 5000, status: "sent" }],
    vehicleId: v2!.id,
    vehicleInterest: "noe annet",
    events: [{ type: "ai.reply_drafted", data: {} }],
  });
  // Outside the range, or not counted.
  await seedLead(d, {
    at: oslo("2026-10-31T23:59:59"),
    events: [{ type: "ai.draft_discarded", data: {} }],
  });
  await seedLead(d, { at: oslo("2026-12-01T00:00:00") });
  await seedLead(d, { at: oslo("2026-10-15T12:00:00"), source: "email", status: "won" });
  await seedLead(d, { at: oslo("2026-11-05T12:00:00"), isSpam: true });
  await seedLead(d, { at: oslo("2026-11-05T12:00:00"), isTest: true });
  await withTenant(d, (tx) =>
    tx.insert(llmCalls).values([
      {
        dealershipId: d,
        purpose: "draft_reply",
        model: "claude-test",
        latencyMs: 900,
        inputTokens: 100,
        outputTokens: 20,
        outcome: "ok",
        createdAt: oslo("2026-11-05T10:00:00"),
      },
      {
        dealershipId: d,
        purpose: "classify_email",
        model: "claude-test",
        latencyMs: 700,
        inputTokens: 50,
        outputTokens: 10,
        cacheReadTokens: 5,
        outcome: "ok",
        createdAt: oslo("2026-11-20T10:00:00"),
      },
      {
        dealershipId: d,
        purpose: "draft_reply",
        model: "claude-test",
        latencyMs: 700,
        inputTokens: 999,
        outputTokens: 999,
        outcome: "ok",
        createdAt: oslo("2026-12-01T00:00:00"),
      },
    ]),
  );
}

const get = (path: string, key?: string) =>
  new Request(`http://localhost${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
const ctx = { params: Promise.resolve({}) };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON under test
type Json = any;
async function summary(query: string, key?: string): Promise<{ status: number; body: Json }> {
  const res = await summaryRoute(get(`/api/analytics/summary${query}`, key), ctx);
  return { status: res.status, body: await res.json() };
}

/** An independent count over the tenant's rows, the cohort defined by local calendar days. */
async function independent<T extends Record<string, unknown>>(
  dealershipId: string,
  query: ReturnType<typeof sql>,
) {
  return withTenant(dealershipId, async (tx) => (await tx.execute<T>(query)).rows);
}
const cohort = (d: string, from = FROM, to = TO) =>
  sql`select * from leads where dealership_id = ${d} and not is_spam and not is_test
        and (created_at at time zone 'Europe/Oslo')::date between ${from}::date and ${to}::date`;

beforeAll(async () => {
  a = await withMembers("Fjordbil Analyse AS");
  b = await withMembers("Vestland Analyse AS");
  await seed(a);
  await seedLead(b.dealership.id, { at: oslo("2026-11-05T12:00:00") });
});
afterAll(() => closeDb());

describe("GET /api/analytics/summary", () => {
  let cur: Json;
  let prev: Json;
  beforeAll(async () => {
    const res = await summary(`?from=${FROM}&to=${TO}`, a.key);
    expect(res.status).toBe(200);
    cur = res.body.current;
    prev = res.body.previous;
    expect(res.body.time_zone).toBe("Europe/Oslo");
  });

  it("counts the leads of the range by local calendar day, source and status", async () => {
    const d = a.dealership.id;
    expect(cur.leads.total).toBe(6);
    const [{ n } = { n: -1 }] = await independent<{ n: number }>(
      d,
      sql`select count(*)::int as n from (${cohort(d)}) c`,
    );
    expect(cur.leads.total).toBe(n);
    const perDay = await independent<{ day: string; n: number }>(
      d,
      sql`select to_char((created_at at time zone 'Europe/Oslo')::date, 'YYYY-MM-DD') as day, count(*)::int as n
            from (${cohort(d)}) c group by 1`,
    );
    expect(cur.leads.per_day).toHaveLength(30);
    expect(cur.leads.per_day.filter((x: Json) => x.count > 0)).toEqual(
      perDay.map((r) => ({ day: r.day, count: r.n })).sort((x, y) => x.day.localeCompare(y.day)),
    );
    expect(cur.leads.per_day[0]).toEqual({ day: "2026-11-01", count: 1 });
    expect(cur.leads.per_day[29]).toEqual({ day: "2026-11-30", count: 1 });
    expect(cur.leads.by_source).toEqual({ website: 3, email: 2, facebook: 1, manual: 0, api: 0, sms: 0 });
    expect(cur.leads.by_status).toEqual({ new: 1, contacted: 1, qualified: 1, won: 1, lost: 2 });
    for (const [col, field] of [
      ["source", "by_source"],
      ["status", "by_status"],
    ] as const) {
      const rows = await independent<{ k: string; n: number }>(
        d,
        sql`select ${sql.raw(col)} as k, count(*)::int as n from (${cohort(d)}) c group by 1`,
      );
      for (const r of rows) expect(cur.leads[field][r.k]).toBe(r.n);
    }
    // The previous period: 2–31 October, with the lead one second before midnight.
    expect(prev.from).toBe("2026-10-02");
    expect(prev.to).toBe("2026-10-31");
    expect(prev.leads.total).toBe(2);
    expect(prev.leads.per_day.at(-1)).toEqual({ day: "2026-10-31", count: 1 });
  });

  it("measures speed-to-lead for the AI and for people, by opening hours and e-mail transport", async () => {
    const d = a.dealership.id;
    expect(cur.speed.ai_first_reply).toEqual({ count: 4, p50: 90, p90: 3536 });
    expect(cur.speed.human_first_contact).toEqual({ count: 3, p50: 1800, p90: 6120 });
    const [ind] = await independent<Record<string, number>>(
      d,
      sql`with t as (
            select c.id, c.created_at,
              (select min(m.created_at) from conversations m where m.lead_id = c.id and m.sender_type = 'ai'
                 and m.direction = 'outbound' and m.delivery_status in ('sent','delivered')) as ai_at,
              (select min(m.created_at) from conversations m where m.lead_id = c.id and m.sender_type = 'human'
                 and m.direction = 'outbound' and m.delivery_status = 'sent') as human_at
            from (${cohort(d)}) c)
          select percentile_cont(0.5) within group (order by extract(epoch from ai_at - created_at)) as ai50,
                 percentile_cont(0.9) within group (order by extract(epoch from ai_at - created_at)) as ai90,
                 percentile_cont(0.5) within group (order by extract(epoch from human_at - created_at)) as h50,
                 percentile_cont(0.9) within group (order by extract(epoch from human_at - created_at)) as h90,
                 count(*) filter (where least(ai_at, human_at) - created_at <= interval '5 minutes')::float8
                   / count(*) as any5m
            from t`,
    );
    expect(cur.speed.ai_first_reply.p50).toBeCloseTo(Number(ind!.ai50));
    expect(cur.speed.ai_first_reply.p90).toBeCloseTo(Number(ind!.ai90));
    expect(cur.speed.human_first_contact.p50).toBeCloseTo(Number(ind!.h50));
    expect(cur.speed.human_first_contact.p90).toBeCloseTo(Number(ind!.h90));
    expect(cur.speed.answered_within.any.within_5m).toBeCloseTo(Number(ind!.any5m));
    expect(cur.speed.answered_within.any).toEqual({ within_5m: 0.5, within_1h: 4 / 6, within_24h: 5 / 6 });
    expect(cur.speed.answered_within.human).toEqual({ within_5m: 0, within_1h: 2 / 6, within_24h: 3 / 6 });
    expect(cur.speed.business_hours.inside).toEqual({
      leads: 2,
      ai: { count: 1, p50: 120, p90: 120 },
      human: { count: 2, p50: 1100, p90: 1660 },
    });
    expect(cur.speed.business_hours.outside.leads).toBe(4);
    expect(cur.speed.email).toEqual({
      leads: 2,
      transport: { count: 1, p50: 480, p90: 480 },
      processing: { count: 2, p50: 350, p90: 438 },
    });
  });

  it("builds the funnel from current status and status history, and lists lost reasons", async () => {
    expect(cur.funnel).toEqual([
      { stage: "new", leads: 6, conversion: null },
      { stage: "contacted", leads: 4, conversion: 4 / 6 },
      { stage: "qualified", leads: 2, conversion: 2 / 4 },
      { stage: "won", leads: 1, conversion: 1 / 2 },
    ]);
    const d = a.dealership.id;
    const [ind] = await independent<{ contacted: number; won: number }>(
      d,
      sql`select count(*) filter (where c.status in ('contacted','qualified','won') or exists (
                 select 1 from lead_status_history h where h.lead_id = c.id
                    and h.new_status in ('contacted','qualified','won')))::int as contacted,
                 count(*) filter (where c.status = 'won' or exists (select 1 from lead_status_history h
                    where h.lead_id = c.id and h.new_status = 'won'))::int as won
            from (${cohort(d)}) c`,
    );
    expect(cur.funnel[1].leads).toBe(ind!.contacted);
    expect(cur.funnel[3].leads).toBe(ind!.won);
    expect(cur.lost_reasons).toEqual([
      { reason: "Kjøpte annen bil", count: 1 },
      { reason: null, count: 1 },
    ]);
  });

  it("counts leads per stock car and per make/model asked for", async () => {
    expect(cur.vehicles.map((v: Json) => [v.label, v.count])).toEqual([
      ["Volkswagen ID.4 Pro 2023", 2],
      ["Tesla Model 3 2022", 1],
    ]);
    expect(cur.models).toEqual([
      { model: "Volkswagen ID.4", count: 3 },
      { model: "Tesla Model 3", count: 1 },
    ]);
  });

  it("splits messages between AI and people, counts drafts, guardrail replacements and model tokens", async () => {
    const d = a.dealership.id;
    expect(cur.ai.messages).toEqual({ ai: 5, human: 4, ai_share: 5 / 9 });
    const [ind] = await independent<{ ai: number; human: number }>(
      d,
      sql`select count(*) filter (where sender_type = 'ai')::int as ai,
                 count(*) filter (where sender_type = 'human')::int as human
            from conversations where direction = 'outbound' and delivery_status not in ('draft','cancelled')
             and lead_id in (select id from (${cohort(d)}) c)`,
    );
    expect(cur.ai.messages.ai).toBe(ind!.ai);
    expect(cur.ai.messages.human).toBe(ind!.human);
    expect(cur.ai.drafts).toEqual({ approved: 1, edited: 1, discarded: 1 });
    expect(cur.ai.guardrail_replacements).toBe(1);
    expect(cur.ai.llm).toEqual([
      {
        model: "claude-test",
        calls: 2,
        input_tokens: 150,
        output_tokens: 30,
        cache_read_tokens: 5,
        cache_creation_tokens: 0,
      },
    ]);
    expect(prev.ai.drafts.discarded).toBe(1);
  });

  it("gives managers every member's row and a sales rep only their own", async () => {
    const rowOf = (body: Json, userId: string) => body.current.reps.find((r: Json) => r.user_id === userId);
    signedIn = a.manager;
    const asManager = (await summary(`?from=${FROM}&to=${TO}`)).body;
    expect(asManager.current.reps).toHaveLength(4);
    expect(rowOf(asManager, a.rep1.userId)).toEqual({
      user_id: a.rep1.userId,
      name: "Anne Selger Fjordbil",
      role: "sales_rep",
      assigned: 3,
      human_first_contact: { count: 3, p50: 1800, p90: 6120 },
      calls_logged: 0,
      won: 1,
      open_tasks_overdue: 0,
    });
    expect(rowOf(asManager, a.rep2.userId)).toMatchObject({ assigned: 2, won: 0 });
    signedIn = a.rep2;
    const asRep = (await summary(`?from=${FROM}&to=${TO}`)).body;
    expect(asRep.current.reps.map((r: Json) => r.user_id)).toEqual([a.rep2.userId]);
    expect(asRep.previous.reps.map((r: Json) => r.user_id)).toEqual([a.rep2.userId]);
    // The dealership's own figures are the same for everyone.
    expect(asRep.current.leads).toEqual(asManager.current.leads);
    signedIn = null;
  });

  it("never shows another dealership's leads", async () => {
    const res = await summary(`?from=${FROM}&to=${TO}`, b.key);
    expect(res.body.current.leads.total).toBe(1);
    expect(res.body.current.ai.llm).toEqual([]);
    expect(res.body.current.reps.map((r: Json) => r.name).sort()).not.toContain("Anne Selger Fjordbil");
    signedIn = b.manager;
    expect((await summary(`?from=${FROM}&to=${TO}`)).body.current.leads.total).toBe(1);
    signedIn = null;
  });

  it("answers 400 with field errors for a bad range, 401 without a caller", async () => {
    for (const q of [
      "",
      "?from=2026-11-31&to=2026-12-01",
      "?from=2026-11-10&to=2026-11-01",
      "?from=2020-01-01&to=2026-01-01",
      "?from=<script>&to=2026-01-01",
    ]) {
      const res = await summary(q, a.key);
      expect(res.status, q).toBe(400);
      expect(res.body.fields, q).toBeTruthy();
    }
    expect((await summary(`?from=${FROM}&to=${TO}`)).status).toBe(401);
  });
});

describe("GET /api/analytics/export", () => {
  it("downloads a table as CSV with the previous period beside it", async () => {
    const res = await exportRoute(
      get(`/api/analytics/export?from=${FROM}&to=${TO}&table=by_source`, a.key),
      ctx,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(await res.text()).toBe(
      "source,leads,previous_leads\r\nwebsite,3,1\r\nemail,2,1\r\nfacebook,1,0\r\nmanual,0,0\r\napi,0,0\r\nsms,0,0\r\n",
    );
    const reps = await exportRoute(get(`/api/analytics/export?from=${FROM}&to=${TO}&table=reps`, b.key), ctx);
    expect(await reps.text()).not.toContain("Anne Selger Fjordbil");
    const bad = await exportRoute(
      get(`/api/analytics/export?from=${FROM}&to=${TO}&table=secrets`, a.key),
      ctx,
    );
    expect(bad.status).toBe(400);
  });
});
