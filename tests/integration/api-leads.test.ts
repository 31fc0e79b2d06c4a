import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getLead } from "../../app/api/leads/[id]/route.ts";
import { GET as listLeads, POST as createLead } from "../../app/api/leads/route.ts";
import { GET as health } from "../../app/api/health/ready/route.ts";
import { conversations } from "../../db/schema/conversations.ts";
import { createApiKey } from "../../lib/auth/api-keys.ts";
import { revokeInvitation, createInvitation } from "../../lib/auth/invitations.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { createTestDealership, createTestLead, createTestUser } from "../helpers/factories.ts";

// Route handlers called with real Requests against the real database; API keys authenticate the caller.
type Fixture = { id: string; key: string; session: Session; leadIds: string[] };
let fjordbil: Fixture;
let vestland: Fixture;

async function setUp(name: string): Promise<Fixture> {
  const d = await createTestDealership({ name });
  const admin = await createTestUser(d.id, { role: "admin" });
  const session: Session = {
    userId: admin.id,
    dealershipId: d.id,
    role: "admin",
    name: admin.name,
    email: admin.email,
    dealershipName: name,
    via: "builtin",
  };
  const { key } = await createApiKey(session, "test");
  const leadIds = [];
  for (const status of ["new", "new", "contacted"] as const)
    leadIds.push((await createTestLead(d.id, { status })).id);
  return { id: d.id, key, session, leadIds };
}

const get = (path: string, key?: string) =>
  new Request(`http://localhost${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

beforeAll(async () => {
  fjordbil = await setUp("Fjordbil Test AS");
  vestland = await setUp("Vestland Test AS");
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

describe("GET /api/leads", () => {
  it("lists only the key's dealership, newest first, filtered and paged", async () => {
    const res = await listLeads(get("/api/leads?status=new&limit=1", fjordbil.key), ctx({}));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ total: 2, page: 1, pages: 2 });
    expect(body.leads).toHaveLength(1);
    expect(fjordbil.leadIds).toContain(body.leads[0].id);
  });

  it("answers 400 with field errors for a bad query, 401 without a valid key", async () => {
    const bad = await listLeads(get("/api/leads?status=sold&limit=5000", fjordbil.key), ctx({}));
    expect(bad.status).toBe(400);
    expect((await bad.json()).fields).toMatchObject({
      status: [expect.any(String)],
      limit: [expect.any(String)],
    });
    expect((await listLeads(get("/api/leads", "nv_not-a-real-key-000000000000000000"), ctx({}))).status).toBe(
      401,
    );
  });
});

describe("GET /api/leads search and date range", () => {
  it("finds by name, e-mail prefix or phone in any format, and filters by created date", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const lead = await createTestLead(fjordbil.id, {
      customerName: `Søkbar Sørensen ${tag}`,
      emailNormalized: `sokbar-${tag}@example.no`,
      phoneNormalized: "+4793344556",
      createdAt: new Date("2026-01-15T12:00:00Z"),
    });
    const ids = async (query: string) =>
      (
        (await (await listLeads(get(`/api/leads?${query}`, fjordbil.key), ctx({}))).json()).leads as {
          id: string;
        }[]
      ).map((l) => l.id);
    expect(await ids(`search=${encodeURIComponent(`sørensen ${tag}`)}`)).toEqual([lead.id]);
    expect(await ids(`search=sokbar-${tag}`)).toEqual([lead.id]);
    expect(await ids(`search=${encodeURIComponent("933 44 556")}`)).toContain(lead.id);
    expect(
      await ids(`search=${encodeURIComponent(`Sørensen ${tag}`)}&from=2026-01-01&to=2026-02-01`),
    ).toEqual([lead.id]);
    expect(await ids(`search=${encodeURIComponent(`Sørensen ${tag}`)}&from=2026-02-01`)).toEqual([]);
    expect(await ids(`search=${encodeURIComponent("100%_")}`)).toEqual([]);
    expect((await listLeads(get("/api/leads?from=ikke-en-dato", fjordbil.key), ctx({}))).status).toBe(400);
  });
});

describe("POST /api/leads", () => {
  const send = (body: unknown, key = fjordbil.key) =>
    createLead(
      new Request("http://localhost/api/leads", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
      ctx({}),
    );

  it("creates an api lead for the key's dealership only", async () => {
    const res = await send({
      customer_name: "Api Kunde",
      customer_email: `api-${Date.now()}@example.no`,
      message: "Fra DMS",
    });
    expect(res.status).toBe(201);
    const { lead_id, status } = await res.json();
    expect(status).toBe("created");
    expect((await getLead(get(`/api/leads/${lead_id}`, fjordbil.key), ctx({ id: lead_id }))).status).toBe(
      200,
    );
    expect((await getLead(get(`/api/leads/${lead_id}`, vestland.key), ctx({ id: lead_id }))).status).toBe(
      404,
    );
    expect(
      (await (await getLead(get(`/api/leads/${lead_id}`, fjordbil.key), ctx({ id: lead_id }))).json()).lead
        .source,
    ).toBe("api");
  });

  it("answers 400 with fields for invalid input and for neither e-mail nor phone", async () => {
    const res = await send({ customer_name: "", customer_email: "nope" });
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toMatchObject({
      customer_name: [expect.any(String)],
      customer_email: [expect.any(String)],
    });
    const noContact = await send({ customer_name: "Uten kontakt" });
    expect(noContact.status).toBe(400);
    expect((await noContact.json()).fields.customer_email).toEqual(["E-post eller telefon må fylles ut"]);
  });
});

describe("GET /api/leads/:id conversation", () => {
  it("exposes cited_vehicle_ids on every message: the AI reply's cars, [] for the rest", async () => {
    const lead = await createTestLead(fjordbil.id);
    const cited = [crypto.randomUUID(), crypto.randomUUID()];
    await withTenant(fjordbil.id, (tx) =>
      tx.insert(conversations).values([
        {
          dealershipId: fjordbil.id,
          leadId: lead.id,
          channel: "email",
          direction: "inbound",
          senderType: "customer",
          messageContent: "Har dere Golf GTI på lager?",
          createdAt: new Date("2026-03-01T10:00:00Z"),
        },
        {
          dealershipId: fjordbil.id,
          leadId: lead.id,
          channel: "email",
          direction: "outbound",
          senderType: "ai",
          messageContent: "Hei! Ja, vi har to Golf GTI inne nå.",
          // What the workflow stores; junk in the list is dropped, never passed on.
          metadata: {
            responder: "claude",
            intent: "availability",
            citedVehicleIds: [...cited, "ikke-en-id"],
          },
          createdAt: new Date("2026-03-01T10:00:05Z"),
        },
      ]),
    );
    const res = await getLead(get(`/api/leads/${lead.id}`, fjordbil.key), ctx({ id: lead.id }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.lead).toMatchObject({ id: lead.id, customer_name: lead.customerName });
    expect(body.conversations).toHaveLength(2);
    expect(body.conversations[0]).toMatchObject({ sender_type: "customer", cited_vehicle_ids: [] });
    expect(body.conversations[1]).toMatchObject({
      sender_type: "ai",
      message_content: "Hei! Ja, vi har to Golf GTI inne nå.",
      metadata: { responder: "claude", intent: "availability" },
      cited_vehicle_ids: cited,
    });
    expect(body.conversations[1]).not.toHaveProperty("citedVehicleIds");
  });
});

describe("cross-tenant access", () => {
  it("gives Vestland 404 for every Fjordbil lead id, and Fjordbil 200", async () => {
    for (const id of fjordbil.leadIds) {
      expect((await getLead(get(`/api/leads/${id}`, fjordbil.key), ctx({ id }))).status).toBe(200);
      const res = await getLead(get(`/api/leads/${id}`, vestland.key), ctx({ id }));
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "not_found", message: "Lead not found" });
    }
    expect(
      (await getLead(get("/api/leads/not-a-uuid", vestland.key), ctx({ id: "not-a-uuid" }))).status,
    ).toBe(404);
  });

  it("refuses to let Vestland's admin revoke a Fjordbil invitation (the action's 404 path)", async () => {
    const { invitation } = await createInvitation(fjordbil.session, {
      email: `ny-${Date.now()}@fjordbil.no`,
      role: "sales_rep",
    });
    await expect(revokeInvitation(vestland.session, invitation.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(revokeInvitation(fjordbil.session, invitation.id)).resolves.toBeUndefined();
  });
});

describe("GET /api/health/ready", () => {
  it("reports the database, the migrations and the queue", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      db: { ok: true },
      migrations: { ok: true },
      queue: { ok: true },
    });
  });
});
