import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeAnthropic, type FakeAnthropic } from "../fakes/anthropic-server.ts";
import { startFakeResend, type FakeResend } from "../fakes/resend-server.ts";
import { startFakeTwilio, type FakeTwilio } from "../fakes/twilio-server.ts";
import { waitForLeadJobsSettled } from "../helpers/queue.ts";

// The reply workflow as it runs in production: the real worker process (`node jobs/runner.ts`) with the Claude,
// Resend and Twilio adapters, all three vendors faked by loopback servers that speak their APIs. A database of
// its own (tests/setup/own-databases.ts: no other test file's worker takes these jobs), and the lead posted to the
// form webhook handler.
const workerDatabaseUrl = process.env.DATABASE_URL!;

const ROOT = join(import.meta.dirname, "../..");
const REP_PHONE = "+4791112222";
let anthropic: FakeAnthropic;
let resend: FakeResend;
let twilio: FakeTwilio;
let workerEnv: NodeJS.ProcessEnv;
let worker: ChildProcess | undefined;
const workerLog: string[] = [];
let dealership: { id: string; formKey: string };

// Modules that read the environment are imported after it is set.
const modules = {
  form: await import("../../app/api/webhooks/form/[formKey]/route.ts"),
  unsubscribe: await import("../../app/api/unsubscribe/[token]/route.ts"),
  tenant: await import("../../lib/db/tenant.ts"),
  client: await import("../../lib/db/client.ts"),
  boss: await import("../../lib/jobs/boss.ts"),
  ingest: await import("../../lib/leads/ingest-lead.ts"),
  factories: await import("../helpers/factories.ts"),
  schema: {
    ...(await import("../../db/schema/leads.ts")),
    ...(await import("../../db/schema/conversations.ts")),
    ...(await import("../../db/schema/vehicles.ts")),
    ...(await import("../../db/schema/operations.ts")),
  },
  drizzle: await import("drizzle-orm"),
};

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, "jobs/runner.ts")], {
    env: workerEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Kept for the failure message of a test that waits on the worker.
  for (const stream of [child.stdout!, child.stderr!])
    stream.on("data", (chunk: Buffer) => {
      workerLog.push(...chunk.toString().split("\n").filter(Boolean));
      if (workerLog.length > 400) workerLog.splice(0, workerLog.length - 400);
      if (process.env.DEBUG_WORKER) process.stderr.write(chunk);
    });
  return child;
}

async function stopWorkerProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM") {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((ok) => child.once("exit", ok));
  child.kill(signal);
  await exited;
}

async function waitFor<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function postLead(fields: Record<string, string>): Promise<string> {
  const { POST } = modules.form;
  const res = await POST(
    new Request(`http://localhost/api/webhooks/form/${dealership.formKey}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fields),
    }),
    { params: Promise.resolve({ formKey: dealership.formKey }) },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { lead_id: string }).lead_id;
}

const settled = (leadId: string) => waitForLeadJobsSettled(modules.client.getPool(), leadId);
const unique = () => crypto.randomUUID().slice(0, 8);
const emailsTo = (address: string) => resend.emails.filter((e) => e.to.includes(address));
const smsAbout = (leadId: string) => twilio.messages.filter((m) => m.body.includes(`/leads/${leadId}`));

async function leadRow(leadId: string) {
  const { withTenant } = modules.tenant;
  const { leads } = modules.schema;
  const { eq } = modules.drizzle;
  const [row] = await withTenant(dealership.id, (tx) => tx.select().from(leads).where(eq(leads.id, leadId)));
  return row!;
}

async function aiReply(leadId: string) {
  const { withTenant } = modules.tenant;
  const { conversations } = modules.schema;
  const { and, eq } = modules.drizzle;
  const [row] = await withTenant(dealership.id, (tx) =>
    tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.leadId, leadId), eq(conversations.direction, "outbound"))),
  );
  return row;
}

describe("reply workflow through the worker process and the vendor APIs", () => {
  beforeAll(async () => {
    [anthropic, resend, twilio] = await Promise.all([
      startFakeAnthropic(),
      startFakeResend(),
      startFakeTwilio(),
    ]);
    workerEnv = {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: workerDatabaseUrl,
      MIGRATION_DATABASE_URL: process.env.MIGRATION_DATABASE_URL,
      NORVALT_PROCESS_NAME: "norvalt-worker-e2e",
      ANTHROPIC_API_KEY: "sk-ant-test",
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_TIMEOUT_MS: "2000",
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: "Fjordbil",
      TWILIO_BASE_URL: twilio.url,
      LOG_LEVEL: "warn",
    };
    const { createTestDealership, createTestUser } = modules.factories;
    const { withTenant } = modules.tenant;
    const { vehicles } = modules.schema;
    const always = [{ open: "00:00", close: "23:59" }];
    const d = await createTestDealership({
      name: "Fjordbil Vendor AS",
      phone: "+47 55 00 11 22",
      businessHours: {
        mon: always,
        tue: always,
        wed: always,
        thu: always,
        fri: always,
        sat: always,
        sun: always,
      },
      // Whatever the date the test runs on, not a closed holiday.
      observePublicHolidays: false,
    });
    dealership = { id: d.id, formKey: d.formKey };
    await createTestUser(d.id, { role: "sales_rep", name: "Siri Selger", phone: REP_PHONE });
    await withTenant(d.id, (tx) =>
      tx.insert(vehicles).values({
        dealershipId: d.id,
        make: "Volkswagen",
        model: "ID.4",
        variant: "Pro",
        year: 2023,
        priceNok: 389_000,
        mileageKm: 21_000,
        fuelType: "electric",
        status: "available",
      }),
    );
    worker = startWorkerProcess();
  }, 60_000);

  beforeEach(() => {
    anthropic.reset();
    resend.reset();
  });

  afterAll(async () => {
    await stopWorkerProcess(worker);
    await Promise.all([anthropic?.close(), resend?.close(), twilio?.close()]);
    await modules.boss.stopSenderBoss();
    await modules.client.closeDb();
  });

  it("e-mails Claude's Norwegian reply through Resend and texts the rep through Twilio, once", async () => {
    const email = `kari-${unique()}@example.no`;
    const leadId = await postLead({
      name: "Kari Nordmann",
      email,
      vehicle_interest: "VW ID.4",
      message: "Hei! Er ID.4-en fortsatt ledig?",
    });
    const [mail] = await waitFor(
      () => emailsTo(email),
      (m) => m.length > 0,
      15_000,
    );
    expect(mail).toBeDefined();
    expect(mail!.from).toBe('"Fjordbil Vendor AS" <no-reply@norvalt.no>');
    expect(mail!.reply_to?.[0] ?? (mail!.body.reply_to as string)).toMatch(/^reply\+[a-z0-9]+@/);
    expect(mail!.text).toMatch(/Hei Kari/);
    expect(mail!.text).toMatch(/AI-assistent|automatisk/);
    expect(mail!.headers?.["List-Unsubscribe"]).toMatch(/^<http.+\/api\/unsubscribe\/.+>$/);
    expect(mail!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail!.idempotencyKey).toContain(dealership.id);
    expect(anthropic.requests.length).toBeGreaterThanOrEqual(1);

    const [sms] = await waitFor(
      () => smsAbout(leadId),
      (m) => m.length > 0,
      10_000,
    );
    expect(sms).toMatchObject({ to: REP_PHONE });
    expect(sms!.body).toContain("Ny lead fra Kari Nordmann");

    const lead = await waitFor(
      () => leadRow(leadId),
      (l) => l.status === "contacted",
      5_000,
    );
    expect(lead).toMatchObject({ status: "contacted", firstResponseSeconds: expect.any(Number) });
    expect((await aiReply(leadId))?.metadata).toMatchObject({ responder: "claude" });
    await settled(leadId);
    expect(emailsTo(email)).toHaveLength(1);
    expect(smsAbout(leadId)).toHaveLength(1);
  }, 30_000);

  it.each([
    ["a 500", (f: FakeAnthropic) => f.failWith(500, "api_error")],
    ["a 429", (f: FakeAnthropic) => f.failWith(429, "rate_limit_error")],
    ["a timeout", (f: FakeAnthropic) => f.delay(5_000)],
    ["malformed output", (f: FakeAnthropic) => f.reply("Beklager, jeg kan ikke svare i JSON i dag.")],
  ])(
    // How fast the fallback answers is a figure for bench:respond, not a limit in a test.
    "still answers with the built-in reply when Claude gives %s",
    async (_label, breakClaude) => {
      breakClaude(anthropic);
      const email = `fallback-${unique()}@example.no`;
      const leadId = await postLead({
        name: "Per Hansen",
        email,
        vehicle_interest: "ID.4",
        message: "Hva koster den?",
      });
      const [mail] = await waitFor(
        () => emailsTo(email),
        (m) => m.length > 0,
        15_000,
      );
      expect(mail, "the built-in reply").toBeDefined();
      expect(mail!.text).toContain("389 000 kr");
      expect((await aiReply(leadId))?.metadata).toMatchObject({
        responder: "builtin",
        fallbackReason: expect.any(String),
      });
    },
    20_000,
  );

  it("replaces a Claude draft that promises a discount with the built-in reply and flags the lead", async () => {
    anthropic.reply((request) => {
      const vehicleId = /"id":\s*"([0-9a-f-]{36})"|id:\s*([0-9a-f-]{36})/
        .exec(JSON.stringify(request.body))
        ?.slice(1)
        .find(Boolean);
      return JSON.stringify({
        subject: "Tilbud på ID.4",
        body: "Hei Per!\n\nDu får ID.4-en for 350 000 kr hvis du bestemmer deg i dag – vi gir deg 39 000 kr i rabatt.",
        citedVehicleIds: vehicleId ? [vehicleId] : [],
        intent: "price",
      });
    });
    const email = `rabatt-${unique()}@example.no`;
    const leadId = await postLead({
      name: "Per Pris",
      email,
      vehicle_interest: "ID.4",
      message: "Beste pris?",
    });
    const [mail] = await waitFor(
      () => emailsTo(email),
      (m) => m.length > 0,
      10_000,
    );
    expect(mail!.text).not.toMatch(/rabatt|350 000/);
    expect(mail!.text).toContain("389 000 kr");
    expect((await aiReply(leadId))?.metadata).toMatchObject({
      responder: "builtin",
      fallbackReason: "guardrails",
    });
    expect(await leadRow(leadId)).toMatchObject({
      needsReview: true,
      reviewReason: expect.stringContaining("discount"),
    });
  }, 20_000);

  it("sends exactly one e-mail when Resend fails twice and then accepts", async () => {
    resend.failNext(2, 500);
    const email = `retry-${unique()}@example.no`;
    const leadId = await postLead({ name: "Ola Retry", email, message: "Hei" });
    await waitFor(
      () => leadRow(leadId),
      (l) => l.status === "contacted",
      25_000,
    );
    await settled(leadId);
    expect(emailsTo(email)).toHaveLength(1);
    expect(resend.requests.filter((r) => r.status >= 500).length).toBe(2);
  }, 40_000);

  it("answers exactly once when the worker is killed mid-job and restarted", async () => {
    anthropic.delay(4_000);
    const email = `kill-${unique()}@example.no`;
    const before = anthropic.requests.length;
    const leadId = await postLead({ name: "Kari Krasj", email, vehicle_interest: "ID.4", message: "Ledig?" });
    // The worker is inside lead.respond, waiting for the model: kill it there.
    await waitFor(
      () => anthropic.requests.length,
      (n) => n > before,
      10_000,
    );
    await stopWorkerProcess(worker, "SIGKILL");
    anthropic.delay(0);
    worker = startWorkerProcess();
    // Missed heartbeats (10 s) are noticed by the next supervise pass (10 s): the job runs again.
    await waitFor(
      () => emailsTo(email),
      (m) => m.length > 0,
      60_000,
    );
    // The killed attempt is taken back by the next supervise pass; once every job of the lead is final, nothing
    // can send a second reply.
    await settled(leadId);
    expect(emailsTo(email)).toHaveLength(1);
    expect(smsAbout(leadId)).toHaveLength(1);
    expect((await leadRow(leadId)).status).toBe("contacted");
  }, 90_000);

  it("stops e-mailing an address that used the unsubscribe link; the rep is still told about its next lead", async () => {
    const email = `avmeld-${unique()}@example.no`;
    await postLead({ name: "Aud Avmeld", email, message: "Hei" });
    const [mail] = await waitFor(
      () => emailsTo(email),
      (m) => m.length > 0,
      15_000,
    );
    const oneClick = /^<(.+)>$/.exec(mail!.headers!["List-Unsubscribe"]!)![1]!;
    const token = oneClick.split("/").pop()!;
    const res = await modules.unsubscribe.POST(
      new Request(oneClick, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
      { params: Promise.resolve({ token }) },
    );
    expect(res.status).toBe(200);
    // A new lead from the same person (past the merge window, so not merged into the first one).
    const { ingestLead, MERGE_WINDOW_MS } = modules.ingest;
    const { leadId } = await ingestLead(
      { dealershipId: dealership.id },
      { source: "website", name: "Aud Avmeld", email, message: "Hei igjen" },
      { now: new Date(Date.now() + MERGE_WINDOW_MS + 60_000) },
    );
    const [sms] = await waitFor(
      () => smsAbout(leadId),
      (m) => m.length > 0,
      15_000,
    );
    expect(sms!.body).toContain("ikke fått automatisk svar");
    await settled(leadId);
    expect(emailsTo(email)).toHaveLength(1);
  }, 40_000);
});
