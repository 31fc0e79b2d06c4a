import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobDefinition } from "../../jobs/define-job.ts";
import { startFakeGraph, type FakeGraph } from "../fakes/graph-server.ts";

// Meta Lead Ads end to end against a loopback fake of the Graph API: the webhook route handlers with signed
// bodies, the facebook.fetch-lead work (run directly, and once through the real worker to the AI reply), Page
// management, backfill and Meta login. Environment first: modules read it once.
const APP_SECRET = "fake-app-secret-for-tests";
const graph: FakeGraph = await startFakeGraph({ appId: "123456", appSecret: APP_SECRET });
process.env.FACEBOOK_APP_SECRET = APP_SECRET;
process.env.FACEBOOK_APP_ID = "123456";
process.env.FACEBOOK_VERIFY_TOKEN = "verify-me-please";
process.env.FACEBOOK_GRAPH_URL = graph.url;
process.env.FACEBOOK_DIALOG_URL = graph.url;

const route = await import("../../app/api/webhooks/facebook/route.ts");
const { facebookLeadDeliveries, facebookPages } = await import("../../db/schema/facebook.ts");
const { leads } = await import("../../db/schema/leads.ts");
const { outboxMessages, webhookRequests } = await import("../../db/schema/operations.ts");
const { closeDb, getDb } = await import("../../lib/db/client.ts");
const { withSystem, withTenant } = await import("../../lib/db/tenant.ts");
const { stopSenderBoss } = await import("../../lib/jobs/boss.ts");
const { flushWebhookLog } = await import("../../lib/webhook-log/record-webhook-request.ts");
const { fetchFacebookLead } = await import("../../lib/facebook-leads/fetch-facebook-lead.ts");
const pagesModule = await import("../../lib/facebook-leads/manage-facebook-pages.ts");
const { importRecentFacebookLeads } =
  await import("../../lib/facebook-leads/import-recent-facebook-leads.ts");
const { buildFacebookLoginUrl, completeFacebookLogin } =
  await import("../../lib/facebook-leads/facebook-login.ts");
const { createTestDealership, createTestUser } = await import("../helpers/factories.ts");

type Session = Parameters<typeof pagesModule.connectFacebookPage>[0];

const FIXTURES = new URL("../fixtures/meta-leadgen/", import.meta.url);
const fixtureText = (name: string) => readFileSync(new URL(name, FIXTURES), "utf8");
const FAST = { retryDelaysMs: [10, 20, 40], timeoutMs: 300 };

let counter = 0;
const nextId = () => `${Date.now()}${String(++counter).padStart(4, "0")}`;

afterAll(async () => {
  await graph.close();
  await stopSenderBoss();
  await closeDb();
});

const sign = (body: string, secret = APP_SECRET) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

function post(body: string, signature: string | null = sign(body)) {
  return route.POST(
    new Request("http://localhost/api/webhooks/facebook", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...(signature && { "x-hub-signature-256": signature }) },
    }),
  );
}

const change = (pageId: string, leadgenId: string, formId = "form-1") => ({
  field: "leadgen",
  value: {
    leadgen_id: leadgenId,
    page_id: pageId,
    form_id: formId,
    created_time: Math.floor(Date.now() / 1000),
  },
});
const delivery = (...entries: { pageId: string; changes: ReturnType<typeof change>[] }[]) =>
  JSON.stringify({
    object: "page",
    entry: entries.map((e) => ({ id: e.pageId, time: Math.floor(Date.now() / 1000), changes: e.changes })),
  });

async function adminOf(name = "Meta Bil AS") {
  const dealership = await createTestDealership({ name });
  const admin = await createTestUser(dealership.id, { role: "admin" });
  await createTestUser(dealership.id, { role: "sales_rep", name: "Siri Selger", phone: "+4798765432" });
  const session: Session = {
    userId: admin.id,
    dealershipId: dealership.id,
    role: "admin",
    name: admin.name,
    email: admin.email,
    dealershipName: dealership.name,
    via: "builtin",
  };
  return { dealership, admin, session };
}

/** A Page that exists at the fake Graph and is connected to the session's dealership. */
async function connectedPage(session: Session, name = "Meta Bil Oslo") {
  const pageId = nextId();
  const token = `page-token-${pageId}-xxxxxxxxxxxxxxxx`;
  graph.addPage({ id: pageId, name, token });
  const page = await pagesModule.connectFacebookPage(session, { pageId, accessToken: token });
  return { ...page, token };
}

function addGraphLead(pageId: string, overrides: Record<string, unknown> = {}) {
  const id = nextId();
  graph.addLead(pageId, {
    id,
    // Form ids are unique per Page, as at Meta.
    form_id: `${pageId}-form-1`,
    field_data: [
      { name: "full_name", values: ["Ola Nordmann"] },
      { name: "email", values: [`ola-${id}@example.no`] },
      { name: "phone_number", values: ["+4791234567"] },
      { name: "which_car", values: ["VW ID.4"] },
      { name: "når_vil_du_bli_kontaktet?", values: ["Etter kl. 16"] },
    ],
    ...overrides,
  });
  return id;
}

const deliveriesOf = (leadgenIds: string[]) =>
  withSystem((tx) =>
    tx
      .select()
      .from(facebookLeadDeliveries)
      .where(sql`${facebookLeadDeliveries.leadgenId} in ${leadgenIds}`),
  );
const jobsFor = async (deliveryId: string) => {
  const { rows } = await getDb().execute<{ n: number }>(
    sql`select count(*)::int as n from pgboss.job where name = 'facebook.fetch-lead' and data->>'deliveryId' = ${deliveryId}`,
  );
  return rows[0]!.n;
};
const replyJobsFor = async (leadId: string) => {
  const { rows } = await getDb().execute<{ n: number }>(
    sql`select count(*)::int as n from pgboss.job where name = 'lead.respond' and data->>'leadId' = ${leadId}`,
  );
  return rows[0]!.n;
};

describe("GET /api/webhooks/facebook (verification)", () => {
  const verify = (query: string) =>
    route.GET(new Request(`http://localhost/api/webhooks/facebook?${query}`, { method: "GET" }));

  it("echoes hub.challenge for our verify token", async () => {
    const res = await verify("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me-please");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("1158201444");
  });

  it.each([
    "hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong",
    "hub.mode=subscribe&hub.challenge=1",
    "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=verify-me-please",
  ])("answers 403 to %s", async (query) => {
    expect((await verify(query)).status).toBe(403);
  });
});

describe("POST /api/webhooks/facebook", () => {
  it("rejects a missing or wrong signature with 401, stores nothing and logs it", async () => {
    const leadgenId = nextId();
    const body = delivery({ pageId: nextId(), changes: [change("1", leadgenId)] });
    const missing = await post(body, null);
    const wrong = await post(body, sign(body, "another-secret"));
    const malformed = await post(body, "sha1=abc");
    expect([missing.status, wrong.status, malformed.status]).toEqual([401, 401, 401]);
    expect(await deliveriesOf([leadgenId])).toEqual([]);
    await flushWebhookLog();
    const logged = await withSystem((tx) =>
      tx
        .select({ status: webhookRequests.statusCode, error: webhookRequests.error })
        .from(webhookRequests)
        .where(and(eq(webhookRequests.source, "facebook"), eq(webhookRequests.statusCode, 401))),
    );
    expect(logged.map((l) => l.error)).toEqual(
      expect.arrayContaining(["signature missing", "signature mismatch", "signature malformed"]),
    );
  });

  it("stores Meta's Testing Tool delivery (fixture, exact bytes) for an unknown Page as unmatched, with no job", async () => {
    const body = fixtureText("webhook-leadgen-2021-fbsamples-testing-tool.json");
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "received" });
    const [stored] = await deliveriesOf(["233370042045345"]);
    expect(stored).toMatchObject({ status: "unmatched", dealershipId: null, pageId: "138124712925158" });
    expect(await jobsFor(stored!.id)).toBe(0);
  });

  it("stores every change of several entries once, with one fetch job each; a redelivery adds nothing", async () => {
    const { session } = await adminOf();
    const a = await connectedPage(session, "Side A");
    const b = await connectedPage(session, "Side B");
    const ids = [nextId(), nextId(), nextId()];
    const body = delivery(
      { pageId: a.pageId, changes: [change(a.pageId, ids[0]!), change(a.pageId, ids[1]!)] },
      { pageId: b.pageId, changes: [change(b.pageId, ids[2]!), change(b.pageId, ids[2]!)] },
    );
    const first = await post(body);
    expect(await first.json()).toEqual({ status: "received", stored: 3, duplicates: 0, ignored: 0 });
    const again = await post(body);
    expect(await again.json()).toEqual({ status: "received", stored: 0, duplicates: 3, ignored: 0 });
    const stored = await deliveriesOf(ids);
    expect(stored).toHaveLength(3);
    expect(stored.every((d) => d.status === "pending" && d.dealershipId === session.dealershipId)).toBe(true);
    for (const d of stored) expect(await jobsFor(d.id)).toBe(1);
  });

  it("answers 400 to malformed JSON and to a body that is no delivery, 413 to an oversized one", async () => {
    expect((await post("{not json")).status).toBe(400);
    const notDelivery = await post(JSON.stringify({ hello: "world" }));
    expect(notDelivery.status).toBe(400);
    expect(await notDelivery.json()).toMatchObject({ error: "bad_request", fields: expect.any(Object) });
    const huge = JSON.stringify({ object: "page", entry: [], padding: "x".repeat(1024 * 1024) });
    expect((await post(huge)).status).toBe(413);
  });

  it("ignores changes of other fields and counts leadgen changes without ids", async () => {
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: "1",
          time: 1,
          changes: [
            { field: "feed", value: { item: "post" } },
            { field: "leadgen", value: {} },
          ],
        },
      ],
    });
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "received", stored: 0, duplicates: 0, ignored: 1 });
  });
});

describe("facebook.fetch-lead", () => {
  let ctx: Awaited<ReturnType<typeof adminOf>>;
  let page: Awaited<ReturnType<typeof connectedPage>>;
  beforeAll(async () => {
    ctx = await adminOf();
    page = await connectedPage(ctx.session);
  });

  async function deliver(leadgenId: string, pageId = page.pageId) {
    expect((await post(delivery({ pageId, changes: [change(pageId, leadgenId)] }))).status).toBe(200);
    const [stored] = await deliveriesOf([leadgenId]);
    return stored!;
  }

  it("reads the lead with the Page token, maps it and ingests it with its reply job", async () => {
    const leadgenId = addGraphLead(page.pageId);
    const stored = await deliver(leadgenId);
    // A job naming another dealership finds nothing to fetch (RLS and the explicit filter).
    const other = await createTestDealership();
    expect(await fetchFacebookLead({ dealershipId: other.id }, { deliveryId: stored.id }, FAST)).toEqual({
      status: "skipped",
      reason: "delivery not found",
    });
    const outcome = await fetchFacebookLead(
      { dealershipId: ctx.dealership.id },
      { deliveryId: stored.id },
      FAST,
    );
    expect(outcome).toMatchObject({ status: "processed", ingest: "created", isTest: false });
    const leadId = (outcome as { leadId: string }).leadId;
    const [lead] = await withTenant(ctx.dealership.id, (tx) =>
      tx.select().from(leads).where(eq(leads.id, leadId)),
    );
    expect(lead).toMatchObject({
      source: "facebook",
      customerName: "Ola Nordmann",
      phoneNormalized: "+4791234567",
      vehicleInterest: "VW ID.4",
      initialMessage: "Når vil du bli kontaktet?: Etter kl. 16",
      externalId: leadgenId,
      isTest: false,
    });
    expect(lead!.sourceMetadata).toMatchObject({
      submissions: [
        { metadata: { facebook: { leadgenId, pageId: page.pageId, formId: `${page.pageId}-form-1` } } },
      ],
    });
    expect(await replyJobsFor(leadId)).toBe(1);
    const [after] = await deliveriesOf([leadgenId]);
    expect(after).toMatchObject({ status: "processed", leadId });
    const read = graph.requests.find((r) => r.path.endsWith(`/${leadgenId}`))!;
    expect(read.token).toBe(page.token);
    expect(read.query.appsecret_proof).toBe(
      createHmac("sha256", APP_SECRET).update(page.token).digest("hex"),
    );
    // Run again (a redelivered job): same lead, nothing new.
    expect(
      await fetchFacebookLead({ dealershipId: ctx.dealership.id }, { deliveryId: stored.id }, FAST),
    ).toEqual({
      status: "skipped",
      reason: "already processed",
    });
  });

  it("backs off through a Graph 500 and a timeout, then succeeds", async () => {
    const leadgenId = addGraphLead(page.pageId);
    const stored = await deliver(leadgenId);
    graph.failNext(1, 500);
    graph.failNext(1, "timeout");
    const outcome = await fetchFacebookLead(
      { dealershipId: ctx.dealership.id },
      { deliveryId: stored.id },
      FAST,
    );
    expect(outcome.status).toBe("processed");
    expect(graph.requests.filter((r) => r.path.endsWith(`/${leadgenId}`))).toHaveLength(3);
  });

  it("hands a lasting Graph outage to the job's retries, keeping the delivery pending with the error", async () => {
    const leadgenId = addGraphLead(page.pageId);
    const stored = await deliver(leadgenId);
    graph.failNext(4, 500);
    await expect(
      fetchFacebookLead({ dealershipId: ctx.dealership.id }, { deliveryId: stored.id }, FAST),
    ).rejects.toThrow(/unexpected error/);
    const [after] = await deliveriesOf([leadgenId]);
    expect(after).toMatchObject({
      status: "pending",
      attempts: 1,
      error: expect.stringMatching(/unexpected/),
    });
    expect(
      (await fetchFacebookLead({ dealershipId: ctx.dealership.id }, { deliveryId: stored.id }, FAST)).status,
    ).toBe("processed");
  });

  it("stores Meta's test lead as a test lead with no reply job", async () => {
    const [testLead] = JSON.parse(fixtureText("graph-2026-form-leads-edge-test-lead.json")).data;
    const leadgenId = nextId();
    graph.addLead(page.pageId, { ...testLead, id: leadgenId });
    const outcome = await fetchFacebookLead(
      { dealershipId: ctx.dealership.id },
      { deliveryId: (await deliver(leadgenId)).id },
      FAST,
    );
    expect(outcome).toMatchObject({ status: "processed", isTest: true });
    const leadId = (outcome as { leadId: string }).leadId;
    const [lead] = await withTenant(ctx.dealership.id, (tx) =>
      tx.select().from(leads).where(eq(leads.id, leadId)),
    );
    expect(lead).toMatchObject({ isTest: true, customerEmail: "test@meta.com", customerName: null });
    expect(await replyJobsFor(leadId)).toBe(0);
  });

  it("fails a lead Graph does not know (the dashboard's Test button) without retrying", async () => {
    const stored = await deliver(nextId());
    const outcome = await fetchFacebookLead(
      { dealershipId: ctx.dealership.id },
      { deliveryId: stored.id },
      FAST,
    );
    expect(outcome).toMatchObject({ status: "failed", reason: expect.stringMatching(/does not exist/) });
  });

  it("parks deliveries on token error 190, alerts the admins once, and releases them on reconnect", async () => {
    const own = await adminOf("Token Bil AS");
    const p = await connectedPage(own.session, "Token-siden");
    const first = addGraphLead(p.pageId);
    const second = addGraphLead(p.pageId);
    graph.revokeToken(p.token);
    const d1 = await deliver(first, p.pageId);
    const d2 = await deliver(second, p.pageId);
    expect(
      await fetchFacebookLead({ dealershipId: own.dealership.id }, { deliveryId: d1.id }, FAST),
    ).toMatchObject({ status: "waiting" });
    expect(
      await fetchFacebookLead({ dealershipId: own.dealership.id }, { deliveryId: d2.id }, FAST),
    ).toMatchObject({ status: "waiting" });
    const [stored] = await withTenant(own.dealership.id, (tx) =>
      tx.select().from(facebookPages).where(eq(facebookPages.pageId, p.pageId)),
    );
    expect(stored).toMatchObject({
      status: "needs_reconnect",
      lastError: expect.stringMatching(/invalidated/),
    });
    const alerts = await withTenant(own.dealership.id, (tx) =>
      tx.select().from(outboxMessages).where(eq(outboxMessages.dealershipId, own.dealership.id)),
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      toAddress: own.admin.email,
      subject: expect.stringContaining("Token-siden"),
    });

    // A new token for the Page: connecting again releases both deliveries with a job each.
    const fresh = `fresh-token-${p.pageId}-xxxxxxxxxxxx`;
    graph.addPage({ id: p.pageId, name: "Token-siden", token: fresh });
    for (const id of [first, second])
      graph.addLead(p.pageId, { id, field_data: [{ name: "email", values: [`${id}@example.no`] }] });
    const reconnected = await pagesModule.connectFacebookPage(own.session, {
      pageId: p.pageId,
      accessToken: fresh,
    });
    expect(reconnected).toMatchObject({ status: "active", released: 2 });
    expect(await jobsFor(d1.id)).toBe(2);
    expect(
      await fetchFacebookLead({ dealershipId: own.dealership.id }, { deliveryId: d1.id }, FAST),
    ).toMatchObject({ status: "processed" });
  });

  it("adopts deliveries that arrived before the Page was connected", async () => {
    const own = await adminOf("Sen Bil AS");
    const pageId = nextId();
    const token = `late-token-${pageId}-xxxxxxxxxxxx`;
    graph.addPage({ id: pageId, name: "Sen side", token });
    const leadgenId = addGraphLead(pageId);
    const early = await deliver(leadgenId, pageId);
    expect(early).toMatchObject({ status: "unmatched", dealershipId: null });
    const connected = await pagesModule.connectFacebookPage(own.session, { pageId, accessToken: token });
    expect(connected.released).toBe(1);
    expect(
      await fetchFacebookLead({ dealershipId: own.dealership.id }, { deliveryId: early.id }, FAST),
    ).toMatchObject({ status: "processed" });
  });
});

describe("Pages", () => {
  it("subscribes the app to the Page's leadgen field and stores the token sealed", async () => {
    const { session } = await adminOf();
    const page = await connectedPage(session);
    expect(graph.isSubscribed(page.pageId)).toBe(true);
    const [row] = await withTenant(session.dealershipId, (tx) =>
      tx.select().from(facebookPages).where(eq(facebookPages.pageId, page.pageId)),
    );
    expect(row!.accessTokenSealed).toMatch(/^v1\./);
    expect(row!.accessTokenSealed).not.toContain(page.token);
  });

  it("refuses a token Graph does not accept with a message, and stores nothing", async () => {
    const { session } = await adminOf();
    const pageId = nextId();
    graph.addPage({ id: pageId, name: "Feil", token: "the-right-token-xxxxxxxxxxxx" });
    await expect(
      pagesModule.connectFacebookPage(session, { pageId, accessToken: "a-wrong-token-xxxxxxxxxxxxx" }),
    ).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/utløpt eller trukket tilbake/),
    });
    expect(
      await withSystem((tx) => tx.select().from(facebookPages).where(eq(facebookPages.pageId, pageId))),
    ).toEqual([]);
  });

  it("keeps dealerships apart: B sees none of A's Pages, cannot disconnect them, cannot take them over", async () => {
    const a = await adminOf("A Bil");
    const b = await adminOf("B Bil");
    const page = await connectedPage(a.session);
    expect(await pagesModule.listFacebookPages({ dealershipId: b.dealership.id })).toEqual([]);
    // RLS alone, without the explicit filter, hides the row too.
    expect(await withTenant(b.dealership.id, (tx) => tx.select().from(facebookPages))).toEqual([]);
    await expect(pagesModule.disconnectFacebookPage(b.session, page.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(importRecentFacebookLeads(b.session, page.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      pagesModule.connectFacebookPage(b.session, { pageId: page.pageId, accessToken: page.token }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await pagesModule.listFacebookPages({ dealershipId: a.dealership.id })).toHaveLength(1);
  });

  it("re-seals stored Page tokens under a new key (secrets:rotate), after which the old key is not needed", async () => {
    const { randomBytes } = await import("node:crypto");
    const enc = await import("../../lib/security/encrypt-secret.ts");
    const { resealStoredSecrets } = await import("../../lib/security/reseal-stored-secrets.ts");
    const { session } = await adminOf();
    const page = await connectedPage(session);
    const [current] = enc.loadEncryptionKeys();
    const next = enc.loadEncryptionKeys({
      NODE_ENV: "production",
      APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    })[0]!;
    const progress: number[] = [];
    const result = await resealStoredSecrets((done) => progress.push(done), [next, current!]);
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toBe(result.checked);
    const [row] = await withTenant(session.dealershipId, (tx) =>
      tx.select().from(facebookPages).where(eq(facebookPages.pageId, page.pageId)),
    );
    expect(enc.decryptSecret(row!.accessTokenSealed, page.pageId, [next])).toBe(page.token);
    expect(await resealStoredSecrets(() => {}, [next, current!])).toMatchObject({ resealed: 0 });
    // Back to the key the rest of this file runs with.
    await resealStoredSecrets(() => {}, [current!, next]);
  });

  it("disconnects: unsubscribes the app and forgets the Page", async () => {
    const { session } = await adminOf();
    const page = await connectedPage(session);
    await pagesModule.disconnectFacebookPage(session, page.id);
    expect(graph.isSubscribed(page.pageId)).toBe(false);
    expect(await pagesModule.listFacebookPages({ dealershipId: session.dealershipId })).toEqual([]);
  });

  it("imports recent leads of every form once; importing again finds nothing new", async () => {
    const { session } = await adminOf();
    const page = await connectedPage(session);
    const recent = [
      addGraphLead(page.pageId),
      addGraphLead(page.pageId, { form_id: `${page.pageId}-form-2` }),
    ];
    addGraphLead(page.pageId, { created_time: "2025-01-01T10:00:00+0000" }); // older than 90 days
    const first = await importRecentFacebookLeads(session, page.id);
    expect(first).toEqual({ forms: 2, found: 2, stored: 2 });
    const stored = await deliveriesOf(recent);
    expect(stored.map((d) => [d.via, d.status])).toEqual([
      ["backfill", "pending"],
      ["backfill", "pending"],
    ]);
    expect(await importRecentFacebookLeads(session, page.id)).toEqual({ forms: 2, found: 2, stored: 0 });
  });
});

describe("Meta login", () => {
  it("connects every Page the user manages through the login dialog", async () => {
    const { session } = await adminOf();
    const ids = [nextId(), nextId()];
    ids.forEach((id, i) => graph.addPage({ id, name: `OAuth-side ${i}`, token: `oauth-page-token-${id}` }));
    graph.setLoginPages(ids);
    const dialog = new URL(buildFacebookLoginUrl(session));
    expect(dialog.searchParams.get("scope")).toContain("leads_retrieval");
    const redirect = await fetch(dialog, { redirect: "manual" });
    const back = new URL(redirect.headers.get("location")!);
    expect(back.pathname).toBe("/api/integrations/facebook/callback");
    const result = await completeFacebookLogin(session, back.searchParams);
    expect(result).toEqual({ connected: ["OAuth-side 0", "OAuth-side 1"], failed: [] });
    expect(ids.every((id) => graph.isSubscribed(id))).toBe(true);
    const pages = await pagesModule.listFacebookPages({ dealershipId: session.dealershipId });
    expect(pages.map((p) => p.connectedVia)).toEqual(["oauth", "oauth"]);
  });

  it("refuses a callback whose state belongs to another user or was tampered with", async () => {
    const { session } = await adminOf();
    const other = await adminOf();
    const dialog = new URL(buildFacebookLoginUrl(other.session));
    const params = new URLSearchParams({ code: "code-x", state: dialog.searchParams.get("state")! });
    await expect(completeFacebookLogin(session, params)).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      completeFacebookLogin(session, new URLSearchParams({ error: "access_denied", state: "x" })),
    ).rejects.toMatchObject({ message: expect.stringMatching(/avbrutt/) });
  });
});

describe("end to end through the worker", () => {
  it("answers a Meta lead: webhook → fetch → ingest → AI reply in the outbox and the rep's SMS", async () => {
    const { startWorker } = await import("../../jobs/runner.ts");
    const { jobRegistry } = await import("../../jobs/registry.ts");
    const { dealership, session } = await adminOf("Ende Bil AS");
    const page = await connectedPage(session, "Ende-siden");
    // This file has a database of its own (tests/setup/own-databases.ts): no other file's worker takes its jobs.
    const definitions = jobRegistry.filter((d) =>
      ["facebook.fetch-lead", "lead.respond", "customer.send-email", "rep.notify"].includes(d.name),
    ) as unknown as JobDefinition[];
    const worker = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      definitions,
      log: () => {},
    });
    try {
      const leadgenId = addGraphLead(page.pageId);
      const received = Date.now();
      expect(
        (await post(delivery({ pageId: page.pageId, changes: [change(page.pageId, leadgenId)] }))).status,
      ).toBe(200);
      const deadline = Date.now() + 15_000;
      let outbox: (typeof outboxMessages.$inferSelect)[] = [];
      while (Date.now() < deadline) {
        outbox = await withTenant(dealership.id, (tx) =>
          tx.select().from(outboxMessages).where(eq(outboxMessages.dealershipId, dealership.id)),
        );
        if (outbox.some((m) => m.channel === "email") && outbox.some((m) => m.channel === "sms")) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const email = outbox.find((m) => m.channel === "email");
      expect(email).toMatchObject({ toAddress: `ola-${leadgenId}@example.no` });
      expect(email!.bodyText).toMatch(/Hei Ola/);
      expect(outbox.find((m) => m.channel === "sms")?.bodyText).toMatch(/Ny lead fra Ola Nordmann/);
      console.log(`[facebook e2e] delivery → reply in the outbox: ${Date.now() - received} ms`);
    } finally {
      await worker.stop();
    }
  });
});
