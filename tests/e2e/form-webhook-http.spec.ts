import { expect, test } from "@playwright/test";

// The form webhook over real HTTP against the production server (`next start`), for what the integration tests
// cannot see by calling the route handler: the rewrite from the PRD path, body limits and headers as Next and
// Node's HTTP server really handle them, and the answers a website's fetch() receives.
const FORM = "/api/webhooks/form/fjordbil-demo";
const API_KEY = "nv_fjordbil_demo_key_for_local_use_only";
let ipCounter = 0;
// Each test its own client address (the e2e server trusts one proxy hop), so the per-address limit is per test.
const client = () => ({ "x-forwarded-for": `198.51.100.${++ipCounter}` });
const lead = () => ({
  name: "Http Testesen",
  email: `http-${crypto.randomUUID().slice(0, 8)}@example.no`,
  phone: "+47 912 34 567",
  vehicle_interest: "Toyota bZ4X",
  message: "Hei! Er bilen fortsatt ledig?",
});

test("stores a JSON lead and answers 200 with its id; the leads API returns it", async ({ request }) => {
  const body = lead();
  const res = await request.post(FORM, { data: body, headers: client() });
  expect(res.status()).toBe(200);
  const { lead_id, status } = await res.json();
  expect(status).toBe("created");
  const detail = await request.get(`/api/leads/${lead_id}`, {
    headers: { authorization: `Bearer ${API_KEY}` },
  });
  expect(detail.status()).toBe(200);
  expect(await detail.json()).toMatchObject({ lead: { id: lead_id, customer_email: body.email } });
});

test("accepts the PRD path /webhooks/form/:key too", async ({ request }) => {
  const res = await request.post("/webhooks/form/fjordbil-demo", { data: lead(), headers: client() });
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "created" });
});

test("answers bad input with clear 4xx errors, never a 5xx", async ({ request }) => {
  const malformed = await request.post(FORM, {
    data: '{"name": "Ola", ',
    headers: { ...client(), "content-type": "application/json" },
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toMatchObject({ error: "bad_request" });

  const invalid = await request.post(FORM, {
    data: { name: "Ola", email: "ikke-en-adresse" },
    headers: client(),
  });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).fields).toHaveProperty("email");

  const huge = await request.post(FORM, {
    data: { ...lead(), message: "x".repeat(70 * 1024) },
    headers: client(),
  });
  expect(huge.status()).toBe(413);

  const unknown = await request.post("/api/webhooks/form/finnes-ikke-123", {
    data: lead(),
    headers: client(),
  });
  expect(unknown.status()).toBe(404);

  const wrongType = await request.post(FORM, {
    data: "name=Ola",
    headers: { ...client(), "content-type": "text/plain" },
  });
  expect(wrongType.status()).toBe(400);
});

test("answers a CORS preflight from a website", async ({ request }) => {
  const res = await request.fetch(FORM, {
    method: "OPTIONS",
    headers: {
      origin: "https://fjordbil.no",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    },
  });
  expect(res.status()).toBe(204);
  expect(res.headers()["access-control-allow-methods"]).toContain("POST");
});

test("limits one client address to the per-minute limit plus burst, then 429 with Retry-After", async ({
  request,
}) => {
  const headers = client();
  const statuses: number[] = [];
  // Defaults: 10 a minute + a burst of 5.
  for (let i = 0; i < 16; i++) statuses.push((await request.post(FORM, { data: lead(), headers })).status());
  expect(statuses.slice(0, 15).every((s) => s === 200)).toBe(true);
  expect(statuses[15]).toBe(429);
  const limited = await request.post(FORM, { data: lead(), headers });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  // Another address is not affected.
  expect((await request.post(FORM, { data: lead(), headers: client() })).status()).toBe(200);
});

test("a retried post with the same Idempotency-Key gets the first answer", async ({ request }) => {
  const headers = { ...client(), "idempotency-key": crypto.randomUUID() };
  const first = await (await request.post(FORM, { data: lead(), headers })).json();
  const again = await request.post(FORM, { data: lead(), headers });
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ lead_id: first.lead_id, status: "updated" });
});
