import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerSendEmail } from "../../jobs/definitions/customer-send-email.ts";
import { leadRespond } from "../../jobs/definitions/lead-respond.ts";
import { repNotify } from "../../jobs/definitions/rep-notify.ts";
import { startWorker, type Worker } from "../../jobs/runner.ts";
import type { JobDefinition } from "../../jobs/define-job.ts";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { users } from "../../db/schema/users.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import { closeDb, getPool } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { ingestLead } from "../../lib/leads/ingest-lead.ts";
import { approveDraft } from "../../lib/responder/approve-draft.ts";
import { suppressAddress } from "../../lib/suppressions/suppress-address.ts";
import { createTestDealership, createTestUser } from "../helpers/factories.ts";
import { waitForLeadJobsSettled } from "../helpers/queue.ts";

// The whole reply workflow on the real queue: lead.respond → customer.send-email + rep.notify, run by the real worker
// (pg-boss, LISTEN/NOTIFY) with the dev adapters (outbox) and the built-in responder (no AI key in this file).
// This file has a database of its own (tests/setup/own-databases.ts): its worker sees only this file's jobs.
// Dealerships in `handsOff` are left to the test itself (it calls the handlers directly, so a pause lands before the
// job would run); their jobs are completed unrun.
const handsOff = new Set<string>();
let worker: Worker;

function unlessHandsOff(definition: JobDefinition): JobDefinition {
  return {
    ...definition,
    handler: async (payload, context) =>
      handsOff.has((payload as { dealershipId: string }).dealershipId)
        ? undefined
        : definition.handler(payload, context),
  };
}

async function dealershipWithStock(overrides: Partial<typeof dealerships.$inferInsert> = {}) {
  const d = await createTestDealership({
    name: "Fjordtest Bil AS",
    phone: "+47 55 12 34 56",
    // Open around the clock: "i løpet av kort tid" in every reply, whatever time the test runs.
    businessHours: Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [
        day,
        [{ open: "00:00", close: "23:59" }],
      ]),
    ) as typeof dealerships.$inferInsert.businessHours,
    // Whatever the date the test runs on, not a closed holiday.
    observePublicHolidays: false,
    ...overrides,
  });
  const rep = await createTestUser(d.id, { role: "sales_rep", name: "Siri Selger", phone: "+4798765432" });
  const [id4] = await withTenant(d.id, (tx) =>
    tx
      .insert(vehicles)
      .values([
        {
          dealershipId: d.id,
          make: "Volkswagen",
          model: "ID.4",
          variant: "Pro",
          year: 2023,
          priceNok: 389_000,
          mileageKm: 21_000,
          fuelType: "electric" as const,
          status: "available" as const,
        },
        {
          dealershipId: d.id,
          make: "Toyota",
          model: "RAV4",
          year: 2019,
          priceNok: 279_000,
          status: "sold" as const,
        },
      ])
      .returning(),
  );
  return { dealership: d, rep, id4: id4! };
}

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const outboxOf = (dealershipId: string, leadId: string) =>
  withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.dealershipId, dealershipId), eq(outboxMessages.leadId, leadId)))
      .orderBy(asc(outboxMessages.createdAt)),
  );
const leadOf = async (dealershipId: string, leadId: string) =>
  (await withTenant(dealershipId, (tx) => tx.select().from(leads).where(eq(leads.id, leadId))))[0]!;
const eventsOf = (dealershipId: string, leadId: string) =>
  withTenant(dealershipId, (tx) =>
    tx.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)).orderBy(asc(leadEvents.createdAt)),
  );
const aiMessagesOf = (dealershipId: string, leadId: string) =>
  withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.leadId, leadId), eq(conversations.direction, "outbound"))),
  );

beforeAll(async () => {
  worker = await startWorker({
    connectionString: process.env.DATABASE_URL!,
    definitions: [leadRespond, customerSendEmail, repNotify].map(unlessHandsOff),
    log: () => {},
  });
});
afterAll(async () => {
  await worker.stop();
  await stopSenderBoss();
  await closeDb();
});

describe("lead.respond → customer.send-email + rep.notify", () => {
  it("answers a website lead once, in Norwegian, citing the car's real price, and texts the rep", async () => {
    const { dealership, rep, id4 } = await dealershipWithStock();
    const email = `kari-${crypto.randomUUID().slice(0, 8)}@example.no`;
    const { leadId } = await ingestLead(
      { dealershipId: dealership.id },
      {
        source: "website",
        name: "Kari Nordmann",
        email,
        vehicleInterest: "VW ID.4",
        message: "Hei! Hva koster ID.4-en, og er den fortsatt ledig?",
      },
    );
    const sent = await waitFor(
      () => outboxOf(dealership.id, leadId),
      (rows) => rows.length >= 2,
    );
    const mail = sent.find((m) => m.channel === "email")!;
    const sms = sent.find((m) => m.channel === "sms")!;
    expect(sent).toHaveLength(2);
    expect(mail).toMatchObject({ toAddress: email, fromAddress: '"Fjordtest Bil AS" <no-reply@norvalt.no>' });
    expect(mail.replyTo).toMatch(/^reply\+[a-z0-9]+@svar\.norvalt\.no$/);
    expect(mail.headers["List-Unsubscribe"]).toMatch(/^<http.+>$/);
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.bodyText).toContain("Kari");
    expect(mail.bodyText).toMatch(/389[\s\u00a0.]000/);
    expect(mail.bodyText).toMatch(/AI/);
    expect(mail.bodyHtml).toContain("Fjordtest Bil AS");
    expect(sms).toMatchObject({ toAddress: rep.phone });
    expect(sms.bodyText).toContain("Ny lead fra Kari Nordmann");
    expect(sms.bodyText).toContain(`/leads/${leadId}`);

    const lead = await waitFor(
      () => leadOf(dealership.id, leadId),
      (l) => l.status === "contacted",
    );
    expect(lead).toMatchObject({
      status: "contacted",
      assignedTo: rep.id,
      firstResponseSeconds: expect.any(Number),
    });
    expect(lead.lastContactAt).not.toBeNull();
    const [reply] = await aiMessagesOf(dealership.id, leadId);
    expect(reply).toMatchObject({ senderType: "ai", deliveryStatus: "sent" });
    expect(reply!.metadata).toMatchObject({
      responder: "builtin",
      citedVehicleIds: [id4.id],
      intent: expect.any(String),
    });
    const types = (await eventsOf(dealership.id, leadId)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["lead.created", "lead.assigned", "ai.reply_drafted", "email.sent", "sms.sent"]),
    );
  });

  it("never sends twice when the jobs run again", async () => {
    const { dealership } = await dealershipWithStock();
    const { leadId } = await ingestLead(
      { dealershipId: dealership.id },
      {
        source: "website",
        name: "Per Hansen",
        email: `per-${crypto.randomUUID().slice(0, 8)}@example.no`,
        message: "Kan jeg prøvekjøre ID.4?",
      },
    );
    await waitFor(
      () => outboxOf(dealership.id, leadId),
      (rows) => rows.length >= 2,
    );
    // The e-mail job writes the outbox row before it marks the reply sent: wait for the job to have finished,
    // or the re-run below would race the first run instead of repeating it.
    const [reply] = await waitFor(
      () => aiMessagesOf(dealership.id, leadId),
      (rows) => rows[0]?.deliveryStatus === "sent",
    );
    const { respondToLead } = await import("../../lib/responder/respond-to-lead.ts");
    const { sendCustomerEmail } = await import("../../lib/messaging/send-customer-email.ts");
    const { notifyRep } = await import("../../lib/messaging/notify-rep.ts");
    expect(await respondToLead({ dealershipId: dealership.id }, { leadId })).toMatchObject({
      status: "skipped",
      reason: "already_answered",
    });
    expect(
      await sendCustomerEmail({ dealershipId: dealership.id }, { conversationId: reply!.id, leadId }),
    ).toMatchObject({
      status: "skipped",
    });
    await notifyRep({ dealershipId: dealership.id }, { leadId, reason: "new_lead", customerAnswered: true });
    expect(await outboxOf(dealership.id, leadId)).toHaveLength(2);
    expect(await aiMessagesOf(dealership.id, leadId)).toHaveLength(1);
  });

  it.each([
    ["test", { isTest: true }],
    ["manual", { source: "manual" as const }],
    ["spam", { isSpam: true }],
  ])("sends nothing at all for a %s lead", async (_label, overrides) => {
    const { dealership } = await dealershipWithStock();
    const { leadId } = await ingestLead(
      { dealershipId: dealership.id },
      {
        source: "website",
        name: "Ingen Svar",
        email: `ingen-${crypto.randomUUID().slice(0, 8)}@example.no`,
        message: "Hei",
        ...overrides,
      },
    );
    // A wrongly enqueued job would have run by the time every job of the lead is final.
    await waitForLeadJobsSettled(getPool(), leadId);
    expect(await outboxOf(dealership.id, leadId)).toEqual([]);
  });

  it("does not answer a paused lead, a dealership with the AI off, or a suppressed address — but texts the rep", async () => {
    // Handlers called directly, on dealerships the worker leaves alone, so the pause lands before the job runs.
    const { respondToLead } = await import("../../lib/responder/respond-to-lead.ts");
    const { notifyRep } = await import("../../lib/messaging/notify-rep.ts");
    const cases = [
      { reason: "ai_paused", setup: {} },
      { reason: "ai_off", setup: { aiMode: "off" as const } },
      { reason: "suppressed", setup: {} },
    ];
    for (const c of cases) {
      const { dealership } = await dealershipWithStock(c.setup);
      handsOff.add(dealership.id);
      const email = `ingen-${crypto.randomUUID().slice(0, 8)}@example.no`;
      if (c.reason === "suppressed")
        await suppressAddress(
          { dealershipId: dealership.id },
          { channel: "email", address: email, reason: "unsubscribe" },
        );
      const { leadId } = await ingestLead(
        { dealershipId: dealership.id },
        {
          source: "website",
          name: "Ola",
          email,
          message: "Hei",
        },
      );
      if (c.reason === "ai_paused")
        await withTenant(dealership.id, (tx) =>
          tx.update(leads).set({ aiPaused: true }).where(eq(leads.id, leadId)),
        );
      expect(await respondToLead({ dealershipId: dealership.id }, { leadId })).toEqual({
        status: "not_answered",
        reason: c.reason,
      });
      await notifyRep(
        { dealershipId: dealership.id },
        { leadId, reason: "new_lead", customerAnswered: false },
      );
      const sent = await outboxOf(dealership.id, leadId);
      expect(sent.map((m) => m.channel)).toEqual(["sms"]);
      expect(sent[0]!.bodyText).toContain("Kunden har ikke fått automatisk svar");
      expect(await aiMessagesOf(dealership.id, leadId)).toEqual([]);
    }
  });

  it("draft mode: stores the reply as a draft, tells the rep, and sends it once approved", async () => {
    const { dealership, rep } = await dealershipWithStock({ aiMode: "draft" });
    const email = `utkast-${crypto.randomUUID().slice(0, 8)}@example.no`;
    const { leadId } = await ingestLead(
      { dealershipId: dealership.id },
      {
        source: "website",
        name: "Dina Utkast",
        email,
        vehicleInterest: "ID.4",
        message: "Har dere den på lager?",
      },
    );
    const sms = await waitFor(
      () => outboxOf(dealership.id, leadId),
      (rows) => rows.length >= 1,
    );
    expect(sms.map((m) => m.channel)).toEqual(["sms"]);
    expect(sms[0]!.bodyText).toContain("Svarutkast venter på godkjenning");
    const [draft] = await aiMessagesOf(dealership.id, leadId);
    expect(draft).toMatchObject({ deliveryStatus: "draft" });

    const session = {
      userId: rep.id,
      dealershipId: dealership.id,
      role: "sales_rep" as const,
      name: rep.name,
      email: rep.email,
      dealershipName: dealership.name,
      via: "builtin" as const,
    };
    await approveDraft(session, { conversationId: draft!.id });
    await expect(approveDraft(session, { conversationId: draft!.id })).rejects.toMatchObject({
      code: "conflict",
    });
    const sent = await waitFor(
      () => outboxOf(dealership.id, leadId),
      (rows) => rows.length >= 2,
    );
    expect(sent.filter((m) => m.channel === "email").map((m) => m.toAddress)).toEqual([email]);
    // The status follows the send in its own step: wait for it too (under a loaded CI machine it can lag).
    const lead = await waitFor(
      () => leadOf(dealership.id, leadId),
      (row) => row.status === "contacted",
    );
    expect(lead.status).toBe("contacted");
  });

  it("holds the rep's SMS during their quiet hours", async () => {
    const { dealership, rep } = await dealershipWithStock();
    // Quiet around the clock for this rep (a 23 h 59 min window that contains every time of day but one minute).
    const now = new Date();
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Oslo",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(now);
    const [h, m] = local.split(":").map(Number);
    const end = `${String((h! + 2) % 24).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
    await withTenant(dealership.id, (tx) =>
      tx
        .update(users)
        .set({ notificationPreferences: { sms: true, email: true, quietHours: { start: local, end } } })
        .where(eq(users.id, rep.id)),
    );
    const { leadId } = await ingestLead(
      { dealershipId: dealership.id },
      {
        source: "website",
        name: "Natt Kunde",
        email: `natt-${crypto.randomUUID().slice(0, 8)}@example.no`,
        message: "Hei",
      },
    );
    await waitFor(
      () => eventsOf(dealership.id, leadId),
      (events) => events.some((e) => e.type === "sms.held"),
    );
    // Read after the hold and after every job of the lead has run (the held rep.notify waits in the queue as
    // `created` with a start time, so only the jobs due now are waited for): no SMS went out.
    await waitFor(
      () => aiMessagesOf(dealership.id, leadId),
      (rows) => rows[0]?.deliveryStatus === "sent",
    );
    const sent = await outboxOf(dealership.id, leadId);
    expect(sent.map((r) => r.channel)).toEqual(["email"]);
    const held = (await eventsOf(dealership.id, leadId)).find((e) => e.type === "sms.held");
    expect(new Date((held!.data as { until: string }).until).getTime()).toBeGreaterThan(
      Date.now() + 100 * 60_000,
    );
  });
});
