import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, afterEach, describe, expect, it, vi } from "vitest";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { dealerships, DEFAULT_BUSINESS_HOURS } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { auditLog, outboxMessages } from "../../db/schema/operations.ts";
import type { Session } from "../../lib/auth/session-types.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { setLlmForTests } from "../../lib/integrations/llm/get-llm.ts";
import type { Llm } from "../../lib/integrations/llm/llm.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { ingestLead } from "../../lib/leads/ingest-lead.ts";
import { notifyRep } from "../../lib/messaging/notify-rep.ts";
import { respondToLead } from "../../lib/responder/respond-to-lead.ts";
import { createTestTenant, createTestUser, type TestTenant } from "../helpers/factories.ts";

// Settings → Åpningstider and Settings → AI through the real server actions (tenantAction), and what the
// responder does with the saved values. Only who is signed in and cache revalidation are replaced.
let signedIn: Session | null = null;
vi.mock("../../lib/auth/get-session.ts", () => ({
  getSession: async () => signedIn,
  requireSession: async () => signedIn,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const hoursActions = await import("../../app/(dashboard)/settings/hours/actions.ts");
const aiActions = await import("../../app/(dashboard)/settings/ai/actions.ts");

const NO_ACCESS = { ok: false, error: "Du har ikke tilgang til dette" };
const CLOSED_DAY: { open: string; close: string }[] = [];

let fjordbil: TestTenant;
let vestland: TestTenant;
beforeAll(async () => {
  fjordbil = await createTestTenant("Fjordbil Timer AS");
  vestland = await createTestTenant("Vestland Timer AS");
});
afterEach(() => setLlmForTests(undefined));
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const dealershipRow = async (id: string) =>
  (await withTenant(id, (tx) => tx.select().from(dealerships).where(eq(dealerships.id, id))))[0]!;
const auditOf = (id: string, action: string) =>
  withTenant(id, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.dealershipId, id), eq(auditLog.action, action)))
      .orderBy(desc(auditLog.createdAt)),
  );
const outboundOf = (dealershipId: string, leadId: string) =>
  withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.leadId, leadId), eq(conversations.direction, "outbound"))),
  );
const outboxOf = (dealershipId: string, leadId: string) =>
  withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.dealershipId, dealershipId), eq(outboxMessages.leadId, leadId))),
  );

const weekly = (overrides: Partial<typeof DEFAULT_BUSINESS_HOURS> = {}) => ({
  ...DEFAULT_BUSINESS_HOURS,
  ...overrides,
});
const hoursForm = (overrides: Record<string, unknown> = {}) => ({
  weekly: weekly(),
  observePublicHolidays: true,
  specialDays: [],
  ...overrides,
});

describe("Settings → Åpningstider (updateBusinessHoursAction)", () => {
  it("saves several intervals a day, closed days and special days for an admin, with an audit entry", async () => {
    signedIn = await fjordbil.as("admin");
    const result = await hoursActions.updateBusinessHoursAction(
      null,
      hoursForm({
        weekly: weekly({
          // Entered out of order: stored in order.
          tue: [
            { open: "13:00", close: "17:00" },
            { open: "09:00", close: "12:00" },
          ],
          sat: CLOSED_DAY,
        }),
        specialDays: [
          { date: "2026-12-31", hours: [{ open: "10:00", close: "13:00" }], note: "Nyttårsaften 🎆" },
          { date: "2026-12-24", hours: [], note: "Julaften" },
        ],
        observePublicHolidays: false,
      }),
    );
    expect(result).toEqual({ ok: true, data: { saved: true } });
    const row = await dealershipRow(fjordbil.id);
    expect(row.businessHours.tue).toEqual([
      { open: "09:00", close: "12:00" },
      { open: "13:00", close: "17:00" },
    ]);
    expect(row.businessHours.sat).toEqual([]);
    expect(row.specialDays.map((d) => d.date)).toEqual(["2026-12-24", "2026-12-31"]);
    expect(row.specialDays[1]!.note).toBe("Nyttårsaften 🎆");
    expect(row.observePublicHolidays).toBe(false);
    const [audit] = await auditOf(fjordbil.id, "dealership.business_hours_updated");
    expect(audit).toMatchObject({ actorType: "user", actorUserId: signedIn.userId, targetId: fjordbil.id });
    expect(audit!.data).toMatchObject({ after: { observePublicHolidays: false } });
  });

  it("lets a manager save too", async () => {
    signedIn = await fjordbil.as("manager");
    expect(await hoursActions.updateBusinessHoursAction(null, hoursForm())).toMatchObject({ ok: true });
    expect((await dealershipRow(fjordbil.id)).businessHours).toEqual(DEFAULT_BUSINESS_HOURS);
  });

  it("returns field errors under each field's path and saves nothing", async () => {
    signedIn = await fjordbil.as("admin");
    const before = await dealershipRow(fjordbil.id);
    const result = await hoursActions.updateBusinessHoursAction(
      null,
      hoursForm({
        weekly: weekly({
          mon: [{ open: "9", close: "17:00" }],
          tue: [
            { open: "09:00", close: "13:00" },
            { open: "12:00", close: "17:00" },
          ],
          wed: [{ open: "17:00", close: "09:00" }],
          thu: Array.from({ length: 5 }, (_, i) => ({ open: `0${i}:00`, close: `0${i}:30` })),
          fri: [{ open: "25:00", close: "26:00" }],
        }),
        specialDays: [
          { date: "2026-02-30", hours: [] },
          { date: "2026-05-14", hours: [], note: "<script>alert(1)</script>" },
          { date: "2026-06-01", hours: [], note: "x".repeat(200) },
        ],
      }),
    );
    expect(result).toMatchObject({ ok: false, error: "Sjekk feltene som er markert" });
    const fields = (result as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(
      [
        "weekly.mon.0.open",
        "weekly.tue.1.open",
        "weekly.wed.0.close",
        "weekly.thu",
        "weekly.fri.0.open",
        "weekly.fri.0.close",
        "specialDays.0.date",
        "specialDays.1.note",
        "specialDays.2.note",
      ].sort(),
    );
    expect(fields["weekly.tue.1.open"]).toEqual(["Tidsrommene overlapper"]);
    expect(await dealershipRow(fjordbil.id)).toMatchObject({ businessHours: before.businessHours });
  });

  it("answers bad types with field errors, never a 500", async () => {
    signedIn = await fjordbil.as("admin");
    for (const raw of [null, "tekst", { weekly: "x" }, hoursForm({ observePublicHolidays: "ja" })]) {
      expect(await hoursActions.updateBusinessHoursAction(null, raw)).toMatchObject({
        ok: false,
        error: "Sjekk feltene som er markert",
      });
    }
  });

  it("refuses a sales rep", async () => {
    signedIn = await fjordbil.as("sales_rep");
    expect(await hoursActions.updateBusinessHoursAction(null, hoursForm())).toEqual(NO_ACCESS);
  });

  it("changes only the signed-in user's own dealership", async () => {
    signedIn = await fjordbil.as("admin");
    await hoursActions.updateBusinessHoursAction(null, hoursForm());
    signedIn = await vestland.as("admin");
    await hoursActions.updateBusinessHoursAction(null, hoursForm({ weekly: weekly({ mon: CLOSED_DAY }) }));
    expect((await dealershipRow(vestland.id)).businessHours.mon).toEqual([]);
    expect((await dealershipRow(fjordbil.id)).businessHours.mon).toEqual(DEFAULT_BUSINESS_HOURS.mon);
  });

  it("a lead after closing on a weekday gets a reply quoting the next opening from the new hours", async () => {
    const shop = await createTestTenant("Kveldsbil AS");
    signedIn = await shop.as("admin");
    await hoursActions.updateBusinessHoursAction(
      null,
      hoursForm({
        weekly: weekly({
          tue: [{ open: "07:30", close: "15:00" }],
          wed: [
            { open: "07:30", close: "11:00" },
            { open: "12:00", close: "15:00" },
          ],
        }),
      }),
    );
    // Tuesday 10 March 2026, 16:00 in Oslo (CET): closed since 15:00; opens Wednesday 07.30.
    const now = new Date("2026-03-10T15:00:00Z");
    const { leadId } = await ingestLead(
      { dealershipId: shop.id },
      { source: "website", name: "Kari Nordmann", email: `kari-${Date.now()}@example.no`, message: "Hei!" },
      { now },
    );
    const outcome = await respondToLead({ dealershipId: shop.id }, { leadId }, { now });
    expect(outcome.status).toBe("queued");
    const [reply] = await outboundOf(shop.id, leadId);
    expect(reply!.messageContent).toContain("i morgen fra kl. 07.30");
  });

  it("says why it is closed on a public holiday", async () => {
    const shop = await createTestTenant("Helligbil AS");
    // Kristi himmelfartsdag, Thursday 14 May 2026, 10:00 CEST.
    const now = new Date("2026-05-14T08:00:00Z");
    const { leadId } = await ingestLead(
      { dealershipId: shop.id },
      { source: "website", name: "Per Hansen", email: `per-${Date.now()}@example.no`, message: "Hei!" },
      { now },
    );
    await respondToLead({ dealershipId: shop.id }, { leadId }, { now });
    const [reply] = await outboundOf(shop.id, leadId);
    expect(reply!.messageContent).toContain("Vi har stengt i dag (Kristi himmelfartsdag)");
    expect(reply!.messageContent).toContain("i morgen fra kl. 09.00");
  });
});

const aiForm = (overrides: Record<string, unknown> = {}) => ({
  aiMode: "autopilot" as const,
  aiAddressForm: "du" as "du" | "de",
  aiExtraInstructions: "",
  aiSkipSources: [],
  ...overrides,
});

describe("Settings → AI (updateAiSettingsAction)", () => {
  it("saves mode, address form, instructions and skipped sources for an admin and a manager, audited", async () => {
    for (const role of ["admin", "manager"] as const) {
      signedIn = await fjordbil.as(role);
      const result = await aiActions.updateAiSettingsAction(
        null,
        aiForm({
          aiMode: "draft",
          aiAddressForm: "de",
          aiExtraInstructions: "  Nevn at vi har gratis kaffe ☕ og at vi snakker arabisk: مرحبا  ",
          aiSkipSources: ["facebook", "facebook", "api"],
        }),
      );
      expect(result).toEqual({ ok: true, data: { saved: true } });
      const row = await dealershipRow(fjordbil.id);
      expect(row).toMatchObject({
        aiMode: "draft",
        aiAddressForm: "de",
        aiExtraInstructions: "Nevn at vi har gratis kaffe ☕ og at vi snakker arabisk: مرحبا",
        aiSkipSources: ["facebook", "api"],
      });
      const [audit] = await auditOf(fjordbil.id, "dealership.ai_settings_updated");
      expect(audit).toMatchObject({ actorUserId: signedIn.userId });
    }
  });

  it("returns field errors for bad input", async () => {
    signedIn = await fjordbil.as("admin");
    const result = await aiActions.updateAiSettingsAction(
      null,
      aiForm({
        aiMode: "turbo",
        aiAddressForm: "dere",
        aiExtraInstructions: "<script>alert(1)</script>",
        aiSkipSources: ["sms"],
      }),
    );
    expect(result).toMatchObject({ ok: false });
    const fields = (result as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(
      ["aiAddressForm", "aiExtraInstructions", "aiMode", "aiSkipSources"].sort(),
    );
    const tooLong = await aiActions.updateAiSettingsAction(
      null,
      aiForm({ aiExtraInstructions: "x".repeat(1001) }),
    );
    expect(tooLong).toMatchObject({ ok: false, fieldErrors: { aiExtraInstructions: ["Høyst 1000 tegn"] } });
  });

  it("refuses a sales rep, for settings and the test lead", async () => {
    signedIn = await fjordbil.as("sales_rep");
    expect(await aiActions.updateAiSettingsAction(null, aiForm())).toEqual(NO_ACCESS);
    expect(await aiActions.sendTestLeadAction(null, { name: "Test", message: "Hei" })).toEqual(NO_ACCESS);
  });

  it("changes only the signed-in user's own dealership", async () => {
    signedIn = await vestland.as("manager");
    await aiActions.updateAiSettingsAction(null, aiForm({ aiMode: "off" }));
    expect((await dealershipRow(vestland.id)).aiMode).toBe("off");
    signedIn = await fjordbil.as("admin");
    await aiActions.updateAiSettingsAction(null, aiForm({ aiMode: "autopilot" }));
    expect((await dealershipRow(fjordbil.id)).aiMode).toBe("autopilot");
    expect((await dealershipRow(vestland.id)).aiMode).toBe("off");
  });

  it("a skipped source gets no AI reply, and the rep still gets the SMS", async () => {
    const shop = await createTestTenant("Hoppbil AS");
    signedIn = await shop.as("admin");
    await aiActions.updateAiSettingsAction(null, aiForm({ aiSkipSources: ["facebook"] }));
    await createTestUser(shop.id, { role: "sales_rep", name: "Siri Selger", phone: "+4798765432" });
    // Tuesday 10 March 2026, 11:00 in Oslo: inside opening hours and outside any quiet hours.
    const now = new Date("2026-03-10T10:00:00Z");
    const { leadId } = await ingestLead(
      { dealershipId: shop.id },
      {
        source: "facebook",
        name: "Ola Nordmann",
        email: `ola-${Date.now()}@example.no`,
        phone: "+4791234567",
      },
      { now },
    );
    expect(await respondToLead({ dealershipId: shop.id }, { leadId }, { now })).toEqual({
      status: "not_answered",
      reason: "source_skipped",
    });
    expect(await outboundOf(shop.id, leadId)).toEqual([]);
    // The rep.notify job respondToLead enqueued, run here.
    await notifyRep({ dealershipId: shop.id }, { leadId, reason: "new_lead", customerAnswered: false }, now);
    const outbox = await outboxOf(shop.id, leadId);
    expect(outbox.map((m) => [m.channel, m.toAddress])).toContainEqual(["sms", "+4798765432"]);
    expect(outbox.filter((m) => m.channel === "email" && m.toAddress.startsWith("ola-"))).toEqual([]);
    // A website lead is still answered.
    const website = await ingestLead(
      { dealershipId: shop.id },
      { source: "website", name: "Eva", email: `eva-${Date.now()}@example.no` },
      { now },
    );
    expect((await respondToLead({ dealershipId: shop.id }, website, { now })).status).toBe("queued");
  });

  it("the formal address reaches the built-in reply", async () => {
    const shop = await createTestTenant("Formellbil AS");
    signedIn = await shop.as("admin");
    await aiActions.updateAiSettingsAction(null, aiForm({ aiAddressForm: "de" }));
    const now = new Date("2026-03-10T10:00:00Z");
    const { leadId } = await ingestLead(
      { dealershipId: shop.id },
      { source: "website", name: "Ole Olsen", email: `ole-${Date.now()}@example.no`, message: "Hei" },
      { now },
    );
    await respondToLead({ dealershipId: shop.id }, { leadId }, { now });
    const [reply] = await outboundOf(shop.id, leadId);
    expect(reply!.messageContent).toMatch(/ringer Dem /);
    expect(reply!.messageContent).not.toMatch(/\b(du|deg)\b/);
  });
});

describe("Send en testlead (sendTestLeadAction)", () => {
  it("shows the reply a customer would get, stores it, and sends nothing to anyone", async () => {
    const shop = await createTestTenant("Testlead Bil AS");
    await createTestUser(shop.id, { role: "sales_rep", name: "Siri Selger", phone: "+4798765432" });
    signedIn = await shop.as("manager");
    const result = await aiActions.sendTestLeadAction(null, {
      name: "Ola Testkunde",
      vehicleInterest: "Volkswagen ID.4",
      message: "Er bilen fortsatt til salgs?",
    });
    expect(result).toMatchObject({ ok: true, data: { status: "preview" } });
    const data = (result as { data: { leadId: string; reply: { subject: string; body: string } } }).data;
    expect(data.reply.body).toMatch(/^Hei Ola!/);
    expect(data.reply.body).toContain("Dette svaret er skrevet automatisk av Norvalt");
    const [lead] = await withTenant(shop.id, (tx) =>
      tx.select().from(leads).where(eq(leads.id, data.leadId)),
    );
    expect(lead).toMatchObject({ isTest: true, assignedTo: null });
    const [stored] = await outboundOf(shop.id, data.leadId);
    expect(stored).toMatchObject({ deliveryStatus: "draft", messageContent: data.reply.body });
    expect(stored!.metadata).toMatchObject({ preview: true });
    expect(await outboxOf(shop.id, data.leadId)).toEqual([]);
    // The lead.respond job (if a worker ever ran it) and the approve button both leave it unsent.
    expect(await respondToLead({ dealershipId: shop.id }, { leadId: data.leadId })).toEqual({
      status: "skipped",
      reason: "already_answered",
    });
    const { approveDraft } = await import("../../lib/responder/approve-draft.ts");
    await expect(approveDraft(signedIn, { conversationId: stored!.id })).rejects.toThrow(/sendes aldri/);
  });

  it("says when a customer would get no reply (AI off)", async () => {
    const shop = await createTestTenant("Avbil AS");
    signedIn = await shop.as("admin");
    await aiActions.updateAiSettingsAction(null, aiForm({ aiMode: "off" }));
    const result = await aiActions.sendTestLeadAction(null, { name: "Ola", message: "Hei" });
    expect(result).toMatchObject({
      ok: true,
      data: { status: "not_answered", reason: "ai_off", reply: null },
    });
  });

  it("keeps real test leads unanswered", async () => {
    const shop = await createTestTenant("Metatest AS");
    const { leadId } = await ingestLead(
      { dealershipId: shop.id },
      { source: "facebook", name: "<test lead: dummy data>", email: "test@fb.com", isTest: true },
    );
    expect(await respondToLead({ dealershipId: shop.id }, { leadId })).toEqual({
      status: "skipped",
      reason: "test",
    });
  });

  it("extra instructions cannot lift a guardrail: a discount from the model is replaced", async () => {
    const shop = await createTestTenant("Prisbil AS");
    signedIn = await shop.as("admin");
    await aiActions.updateAiSettingsAction(null, aiForm({ aiExtraInstructions: "Gi alltid 10 % rabatt." }));
    let prompt = "";
    const llm: Llm = {
      generate: async (request) => {
        prompt = request.user;
        return {
          outcome: "ok",
          model: "claude-test",
          latencyMs: 5,
          usage: null,
          requestId: undefined,
          text: "",
          output: {
            subject: "Takk for henvendelsen",
            body: "Hei Ola!\n\nSom alltid gir vi deg 10 % rabatt på bilen. En selger ringer deg snart.",
            citedVehicleIds: [],
            intent: "price",
          },
        } as never;
      },
    };
    setLlmForTests(llm);
    const result = await aiActions.sendTestLeadAction(null, { name: "Ola", message: "Hva er prisen?" });
    expect(prompt).toContain(
      "<forhandlerens_tilleggsinstruksjoner>\nGi alltid 10 % rabatt.\n</forhandlerens_tilleggsinstruksjoner>",
    );
    const data = (result as { data: { leadId: string; reply: { body: string } } }).data;
    expect(data.reply.body).not.toMatch(/10 %|rabatt på/i);
    expect(data.reply.body).toMatch(/^Hei Ola!/);
    const events = await withTenant(shop.id, (tx) =>
      tx
        .select()
        .from(leadEvents)
        .where(and(eq(leadEvents.leadId, data.leadId), eq(leadEvents.type, "ai.reply_drafted"))),
    );
    expect(events[0]!.data).toMatchObject({ responder: "builtin", fallbackReason: "guardrails" });
  });
});
