import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 24, item 1: every failure the outside test found, reproduced through the real route handlers.
process.env.TRUST_PROXY = "1";
process.env.INBOUND_EMAIL_DOMAIN = "svar.norvalt.no";
delete process.env.ANTHROPIC_API_KEY;

const formRoute = await import("../../app/api/webhooks/form/[formKey]/route.ts");
const leadsRoute = await import("../../app/api/leads/route.ts");
const leadRoute = await import("../../app/api/leads/[id]/route.ts");
const inboundRoute = await import("../../app/api/webhooks/email/inbound/[secret]/route.ts");
const { leads } = await import("../../db/schema/leads.ts");
const { emails } = await import("../../db/schema/emails.ts");
const { webhookRequests } = await import("../../db/schema/operations.ts");
const { recordWebhookRequest, flushWebhookLog } =
  await import("../../lib/webhook-log/record-webhook-request.ts");
const { processInboundEmail } = await import("../../lib/inbound-email/process-inbound-email.ts");
const { closeDb } = await import("../../lib/db/client.ts");
const { withSystem, withTenant } = await import("../../lib/db/tenant.ts");
const { stopSenderBoss } = await import("../../lib/jobs/boss.ts");
const { createTestAdminWithKey, createTestLead } = await import("../helpers/factories.ts");
const { formErrorPage } = await import("../../lib/edge/form-answers.ts");

type Dealer = Awaited<ReturnType<typeof createTestAdminWithKey>>;
let dealer: Dealer;
let ip = 0;
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

beforeAll(async () => {
  dealer = await createTestAdminWithKey("Hygiene Bil AS");
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const form = (body: BodyInit, contentType: string, headers: Record<string, string> = {}) =>
  formRoute.POST(
    new Request(`http://localhost/api/webhooks/form/${dealer.dealership.formKey}`, {
      method: "POST",
      body,
      headers: { "content-type": contentType, "x-forwarded-for": `203.0.113.${++ip}`, ...headers },
    }),
    ctx({ formKey: dealer.dealership.formKey }),
  );
const formJson = (data: unknown) => form(JSON.stringify(data), "application/json");
const api = (path: string, init: RequestInit = {}) =>
  new Request(`http://localhost${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${dealer.key}`,
      "content-type": "application/json",
      ...(init.headers as Record<string, string>),
    },
  });
const storedLead = async (id: string) =>
  (
    await withTenant(dealer.dealership.id, (tx) =>
      tx
        .select()
        .from(leads)
        .where(and(eq(leads.id, id), eq(leads.dealershipId, dealer.dealership.id))),
    )
  )[0];
const leadCount = async () =>
  (
    await withTenant(dealer.dealership.id, (tx) =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(leads)
        .where(eq(leads.dealershipId, dealer.dealership.id)),
    )
  )[0]!.n;
const email = () => `kari-${crypto.randomUUID().slice(0, 8)}@example.no`;

describe("the website form with text Postgres cannot store", () => {
  it("stores a lead with NUL, control characters and a lone surrogate in JSON, cleaned", async () => {
    const res = await formJson({
      name: "Kari\u0000 Nord\u0007mann\uD800",
      email: email(),
      message: "Hei\u0000!\r\nEr bilen ledig?",
      extra: { note: "x\u0000" },
    });
    expect(res.status).toBe(200);
    const lead = await storedLead((await res.json()).lead_id);
    expect(lead!.customerName).toBe("Kari Nordmann\uFFFD");
    expect(lead!.initialMessage).toBe("Hei!\nEr bilen ledig?");
  });

  it("stores NUL in urlencoded and multipart posts", async () => {
    const urlencoded = new URLSearchParams({ name: "Ola\u0000", email: email(), message: "Hei\u0000" });
    const a = await form(urlencoded.toString(), "application/x-www-form-urlencoded", {
      accept: "application/json",
    });
    expect(a.status).toBe(200);
    expect((await storedLead((await a.json()).lead_id))!.customerName).toBe("Ola");
    const multipart = new FormData();
    multipart.set("name", "Per\u0000");
    multipart.set("email", email());
    multipart.set("message", "Hei\u0000");
    const b = await formRoute.POST(
      new Request(`http://localhost/api/webhooks/form/${dealer.dealership.formKey}`, {
        method: "POST",
        body: multipart,
        headers: { accept: "application/json", "x-forwarded-for": `203.0.113.${++ip}` },
      }),
      ctx({ formKey: dealer.dealership.formKey }),
    );
    expect(b.status).toBe(200);
    expect((await storedLead((await b.json()).lead_id))!.customerName).toBe("Per");
  });

  it("normalises to NFC: the decomposed and composed name are the same text", async () => {
    const res = await formJson({ name: "Bjo\u0308rn A\u030asen", email: email(), message: "Hei" });
    expect((await storedLead((await res.json()).lead_id))!.customerName).toBe("Björn Åsen");
  });

  it("answers 400 for a 5,000-deep object in an extra field, and stores nothing", async () => {
    const before = await leadCount();
    // Written by hand: JSON.stringify itself overflows on it (as the request log once did).
    const deep = '{"a":'.repeat(5_000) + '"x"' + "}".repeat(5_000);
    const body = `{"name":"Dyp","email":"${email()}","message":"Hei","extra":${deep}}`;
    const res = await form(body, "application/json");
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/nested deeper/);
    expect(await leadCount()).toBe(before);
  });

  it("answers 400 for a deep array as name", async () => {
    const name = JSON.parse("[".repeat(3_000) + "]".repeat(3_000));
    const res = await formJson({ name, email: email(), message: "Hei" });
    expect(res.status).toBe(400);
  });

  it("answers 400, not 500, for a shallow array as name (a field error)", async () => {
    const res = await formJson({ name: [["a"]], email: email(), message: "Hei" });
    expect(res.status).toBe(400);
    expect((await res.json()).fields.name).toBeDefined();
  });
});

describe("the API with bad text and dates", () => {
  it("creates a lead, a note and a lost reason with NUL in them", async () => {
    const created = await leadsRoute.POST(
      api("/api/leads", {
        method: "POST",
        body: JSON.stringify({ customer_name: "Nils\u0000", customer_email: email(), message: "a\u0000b" }),
      }),
      ctx({}),
    );
    expect(created.status).toBe(201);
    const { lead_id } = await created.json();
    expect((await storedLead(lead_id))!.customerName).toBe("Nils");
    const patched = await leadRoute.PATCH(
      api(`/api/leads/${lead_id}`, {
        method: "PATCH",
        body: JSON.stringify({ status: "lost", reason: "Kj\u0000øpte annen", notes: "notat\u0000" }),
      }),
      ctx({ id: lead_id }),
    );
    expect(patched.status).toBe(200);
  });

  it("answers 400 for a date outside what Postgres can be sent", async () => {
    await createTestLead(dealer.dealership.id);
    for (const from of ["275760-09-13", "+275760-09-13", "-000001-01-01", "not-a-date"]) {
      const res = await leadsRoute.GET(api(`/api/leads?from=${encodeURIComponent(from)}`), ctx({}));
      expect(res.status, from).toBe(400);
    }
    const ok = await leadsRoute.GET(api("/api/leads?from=2020-01-01&to=9999-12-31"), ctx({}));
    expect(ok.status).toBe(200);
  });

  it("answers 400 for a NUL in a query parameter's name or value, never 500", async () => {
    const res = await leadsRoute.GET(api("/api/leads?search=%00abc&status=new%00"), ctx({}));
    expect(res.status).toBe(200);
  });
});

describe("e-mail with NUL in its headers", () => {
  it("stores it and processes it to a final state (not pending)", async () => {
    const mail = Buffer.from(
      [
        "From: Kari\u0000 Nordmann <kari@example.no>",
        `To: ${dealer.dealership.inboundEmailLocalPart ?? "post"}@svar.norvalt.no`,
        "Subject: Pris p\u0000å bilen",
        `Message-ID: <nul-${Date.now()}\u0000@example.no>`,
        "Date: Mon, 30 Nov 2026 10:00:00 +0100",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Hei, jeg vil gjerne kjøpe bilen.\u0000 Ring meg på 912 34 567.",
        "",
      ].join("\r\n"),
      "utf8",
    );
    const res = await inboundRoute.POST(
      new Request(`http://localhost/api/webhooks/email/inbound/${dealer.dealership.inboundEmailSecret}`, {
        method: "POST",
        body: new Uint8Array(mail),
        headers: { "content-type": "message/rfc822" },
      }),
      ctx({ secret: dealer.dealership.inboundEmailSecret }),
    );
    expect(res.status).toBe(200);
    const { email_id } = await res.json();
    const outcome = await processInboundEmail({ dealershipId: dealer.dealership.id }, { emailId: email_id });
    expect(outcome.status).not.toBe("failed");
    const [row] = await withTenant(dealer.dealership.id, (tx) =>
      tx
        .select()
        .from(emails)
        .where(and(eq(emails.id, email_id), eq(emails.dealershipId, dealer.dealership.id))),
    );
    expect(row!.processingStatus).not.toBe("pending");
    expect(row!.fromName).toBe("Kari Nordmann");
    expect(row!.subject).toBe("Pris på bilen");
  });
});

describe("the request log", () => {
  const logged = (requestId: string) =>
    withSystem(async (tx) =>
      tx.select().from(webhookRequests).where(eq(webhookRequests.requestId, requestId)),
    );

  it("keeps the other rows of a batch when one row is refused", async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const base = { source: "test", method: "POST", path: "/x", statusCode: 200, durationMs: 1 };
    recordWebhookRequest({ ...base, requestId: ids[0] });
    // A dealership that does not exist: the foreign key refuses this row.
    recordWebhookRequest({ ...base, requestId: ids[1], dealershipId: crypto.randomUUID() });
    recordWebhookRequest({ ...base, requestId: ids[2], body: "b\u0000ody\uD800", error: "e\u0000" });
    await flushWebhookLog();
    expect(await logged(ids[0]!)).toHaveLength(1);
    expect(await logged(ids[1]!)).toHaveLength(0);
    const [third] = await logged(ids[2]!);
    expect(third!.requestBody).toBe("body\uFFFD");
  });

  it("never throws, whatever it is handed", async () => {
    const id = crypto.randomUUID();
    const weird = {
      toString: () => {
        throw new Error("boom");
      },
    } as unknown as string;
    expect(() =>
      recordWebhookRequest({ source: "test", method: "POST", path: weird, statusCode: 200, durationMs: NaN }),
    ).not.toThrow();
    recordWebhookRequest({
      source: "test",
      method: "POST",
      path: "/y",
      statusCode: 200,
      durationMs: NaN,
      requestId: id,
    });
    await flushWebhookLog();
    expect((await logged(id))[0]!.durationMs).toBe(0);
  });
});

describe("the no-JavaScript form's error page (issue 24, item 6)", () => {
  it("keeps what was typed, escaped, and offers to send again", async () => {
    const typed = new URLSearchParams({
      name: "Kari <b>Nordmann</b>",
      email: "ikke-en-adresse",
      message: "Er bilen ledig?\nHilsen Kari",
      source_url: "https://bil.no/kontakt",
    });
    const res = await form(typed.toString(), "application/x-www-form-urlencoded", { accept: "text/html" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Ugyldig e-postadresse");
    expect(html).toContain(`action="/api/webhooks/form/${dealer.dealership.formKey}"`);
    expect(html).toContain('value="Kari &#60;b&#62;Nordmann&#60;/b&#62;"');
    expect(html).toContain(">Er bilen ledig?\nHilsen Kari</textarea>");
    expect(html).toContain('name="source_url" value="https://bil.no/kontakt"');
    expect(html).toContain("Send igjen");
  });

  it("answers an outage with 503 and the typed text, not a bare 500", async () => {
    const res = formErrorPage(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      action: "/api/webhooks/form/k",
      fields: { name: "Ola", message: "Hei" },
    });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain("Vi kunne ikke ta imot henvendelsen akkurat nå");
    expect(html).toContain('value="Ola"');
    expect(html).not.toContain("ECONNREFUSED");
  });
});
