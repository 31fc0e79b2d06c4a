import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Set before any module reads the environment: trust one proxy hop, and small limits to reach them quickly.
process.env.TRUST_PROXY = "1";
process.env.FORM_RATE_LIMIT_PER_MINUTE = "3";
process.env.FORM_RATE_LIMIT_BURST = "1";

const { POST, OPTIONS } = await import("../../app/api/webhooks/form/[formKey]/route.ts");
const { leads } = await import("../../db/schema/leads.ts");
const { webhookRequests } = await import("../../db/schema/operations.ts");
const { flushWebhookLog } = await import("../../lib/webhook-log/record-webhook-request.ts");
const { closeDb, getDb } = await import("../../lib/db/client.ts");
const { withTenant } = await import("../../lib/db/tenant.ts");
const { stopSenderBoss } = await import("../../lib/jobs/boss.ts");
const { createTestDealership, createTestUser } = await import("../helpers/factories.ts");
const { updateFormSettings } = await import("../../lib/dealerships/update-form-settings.ts");

let dealership: { id: string; formKey: string; name: string };
let ipCounter = 0;
const nextIp = () => `198.51.100.${++ipCounter}`;

beforeAll(async () => {
  dealership = await createTestDealership({ name: "Skjemabil AS" });
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const valid = () => ({
  name: "Ola Nordmann",
  email: `ola-${crypto.randomUUID().slice(0, 8)}@example.no`,
  phone: "912 34 567",
  vehicle_interest: "VW ID.4",
  message: "Er den ledig?",
});

function post(body: BodyInit, headers: Record<string, string>, formKey = dealership.formKey) {
  const req = new Request(`http://localhost/api/webhooks/form/${formKey}`, {
    method: "POST",
    body,
    headers: { "x-forwarded-for": nextIp(), ...headers },
  });
  return POST(req, { params: Promise.resolve({ formKey }) });
}
const postJson = (data: unknown, headers: Record<string, string> = {}, formKey?: string) =>
  post(JSON.stringify(data), { "content-type": "application/json", ...headers }, formKey);

async function storedLead(id: string) {
  const [row] = await withTenant(dealership.id, (tx) =>
    tx
      .select()
      .from(leads)
      .where(and(eq(leads.id, id), eq(leads.dealershipId, dealership.id))),
  );
  return row;
}
async function replyJobs(leadId: string) {
  const { rows } = await getDb().execute<{ n: number }>(
    sql`select count(*)::int as n from pgboss.job where name = 'lead.respond' and data->>'leadId' = ${leadId}`,
  );
  return rows[0]!.n;
}

describe("POST /api/webhooks/form/:formKey", () => {
  it("accepts JSON, stores the lead and its reply job before answering 200", async () => {
    const res = await postJson(valid());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ lead_id: expect.any(String), status: "created" });
    expect(await storedLead(body.lead_id)).toMatchObject({
      source: "website",
      phoneNormalized: "+4791234567",
      vehicleInterest: "VW ID.4",
    });
    expect(await replyJobs(body.lead_id)).toBe(1);
  });

  it("accepts a plain HTML form post and redirects the browser to the thank-you page", async () => {
    const res = await post(new URLSearchParams(valid()).toString(), {
      "content-type": "application/x-www-form-urlencoded",
      accept: "text/html,application/xhtml+xml",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      `http://localhost/takk?forhandler=${encodeURIComponent("Skjemabil AS")}`,
    );
  });

  it("accepts multipart/form-data, with a mixed-case boundary as browsers send it", async () => {
    const boundary = "----WebKitFormBoundaryAbCdEf0123456789";
    const parts = Object.entries(valid()).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    const res = await post(`${parts.join("")}--${boundary}--\r\n`, {
      "content-type": `multipart/form-data; boundary=${boundary}`,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("created");
  });

  it("answers 400 with the fields for invalid input, and an HTML page to a browser", async () => {
    const res = await postJson({ name: "", email: "ikke-en-epost", message: "" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: "bad_request",
      fields: { name: [expect.any(String)], email: [expect.any(String)], message: [expect.any(String)] },
    });
    const html = await post(new URLSearchParams({ name: "Ola" }).toString(), {
      "content-type": "application/x-www-form-urlencoded",
      accept: "text/html",
    });
    expect(html.status).toBe(400);
    const page = await html.text();
    expect(page).toContain("E-post må fylles ut");
    expect(page).toContain("Melding må fylles ut");
  });

  it.each([
    ["malformed JSON", () => post("{not json", { "content-type": "application/json" }), 400],
    ["a JSON array", () => post("[1,2]", { "content-type": "application/json" }), 400],
    ["an unknown content type", () => post("name=x", { "content-type": "text/plain" }), 400],
    ["a body over 64 KB", () => postJson({ ...valid(), message: "x".repeat(70_000) }), 413],
    ["an unknown form key", () => postJson(valid(), {}, "fk-finnes-ikke"), 404],
  ])("rejects %s", async (_label, send, status) => {
    expect((await send()).status).toBe(status);
  });

  it("stores a honeypot hit as spam with a normal-looking 200 and no reply", async () => {
    const res = await postJson({ ...valid(), _hp: "https://spam.example" });
    expect(res.status).toBe(200);
    const { lead_id } = await res.json();
    expect(await storedLead(lead_id)).toMatchObject({ isSpam: true });
    expect(await replyJobs(lead_id)).toBe(0);
  });

  it("honours Idempotency-Key: a retried post returns the first lead", async () => {
    const key = crypto.randomUUID();
    const first = await (await postJson(valid(), { "idempotency-key": key })).json();
    const retry = await (await postJson(valid(), { "idempotency-key": key })).json();
    expect(retry).toEqual({ lead_id: first.lead_id, status: "updated" });
  });

  it("rate-limits one address per form (limit + burst), with Retry-After", async () => {
    const ip = "203.0.113.99";
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postJson(valid(), { "x-forwarded-for": ip })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const limited = await postJson(valid(), { "x-forwarded-for": ip });
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await postJson(valid(), { "x-forwarded-for": "203.0.113.100" })).status).toBe(200);
  });

  it("logs every request, accepted or not", async () => {
    await postJson({ name: "Logg Test", email: "ugyldig", message: "x" });
    await flushWebhookLog();
    const rows = await withTenant(dealership.id, (tx) =>
      tx
        .select()
        .from(webhookRequests)
        .where(and(eq(webhookRequests.dealershipId, dealership.id), eq(webhookRequests.statusCode, 400))),
    );
    expect(rows.some((r) => r.requestBody?.includes("Logg Test") && r.source === "form")).toBe(true);
  });
});

describe("CORS", () => {
  it("allows any origin while none is configured, and only the listed ones after", async () => {
    const preflight = (origin: string) =>
      OPTIONS(
        new Request(`http://localhost/api/webhooks/form/${dealership.formKey}`, {
          method: "OPTIONS",
          headers: { origin },
        }),
        { params: Promise.resolve({ formKey: dealership.formKey }) },
      );
    expect((await preflight("https://skjemabil.no")).headers.get("access-control-allow-origin")).toBe("*");
    const admin = await createTestUser(dealership.id, { role: "admin" });
    const session = {
      userId: admin.id,
      dealershipId: dealership.id,
      role: "admin" as const,
      name: admin.name,
      email: admin.email,
      dealershipName: dealership.name,
      via: "builtin" as const,
    };
    await updateFormSettings(session, { allowedOrigins: ["https://skjemabil.no"], thankYouUrl: "" });
    expect((await preflight("https://skjemabil.no")).headers.get("access-control-allow-origin")).toBe(
      "https://skjemabil.no",
    );
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
    const res = await postJson(valid(), { origin: "https://skjemabil.no" });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://skjemabil.no");
  });
});

describe("request log", () => {
  it("writes a burst of more rows than one batch holds, none lost", async () => {
    const { recordWebhookRequest } = await import("../../lib/webhook-log/record-webhook-request.ts");
    const marker = `burst-${crypto.randomUUID()}`;
    for (let i = 0; i < 450; i++) {
      recordWebhookRequest({
        source: "form",
        method: "POST",
        path: `/api/webhooks/form/${marker}`,
        dealershipId: dealership.id,
        statusCode: 200,
        durationMs: i,
        error: marker,
      });
    }
    await flushWebhookLog();
    const rows = await withTenant(dealership.id, (tx) =>
      tx
        .select({ d: webhookRequests.durationMs })
        .from(webhookRequests)
        .where(eq(webhookRequests.error, marker)),
    );
    expect(rows.map((r) => r.d).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 450 }, (_, i) => i));
  });
});
