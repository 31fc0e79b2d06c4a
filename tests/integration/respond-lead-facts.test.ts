import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { outboxMessages, suppressions } from "../../db/schema/operations.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { ingestLead } from "../../lib/leads/ingest-lead.ts";
import { notifyRep } from "../../lib/messaging/notify-rep.ts";
import { isSuppressed } from "../../lib/suppressions/is-suppressed.ts";
import { respondToLead } from "../../lib/responder/respond-to-lead.ts";
import { createTestDealership, createTestUser } from "../helpers/factories.ts";

// Issue 17 through the real database: the lead is read, the stock searched by the new vehicle attributes, the
// built-in reply answers what was asked, an opt-out gets no reply and is suppressed, and the rep's SMS says what
// the customer wants. Handlers are called directly (no worker), with the built-in responder (no AI key).

const ALWAYS_OPEN = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [day, [{ open: "00:00", close: "23:59" }]]),
);

async function setup() {
  const d = await createTestDealership({
    name: "Faktabil AS",
    businessHours: ALWAYS_OPEN as never,
    observePublicHolidays: false,
    servicePhone: "+4722998877",
    serviceEmail: "verksted@faktabil.example.no",
  });
  const rep = await createTestUser(d.id, { role: "sales_rep", name: "Siri Selger", phone: "+4798765432" });
  const base = { dealershipId: d.id, fuelType: "electric" as const, status: "available" as const };
  await withTenant(d.id, (tx) =>
    tx.insert(vehicles).values([
      {
        ...base,
        make: "Škoda",
        model: "Enyaq iV",
        year: 2022,
        priceNok: 399_000,
        bodyType: "suv",
        drivetrain: "awd",
        towbar: true,
        seats: 5,
        rangeKm: 460,
      },
      {
        ...base,
        make: "Volkswagen",
        model: "ID.4",
        year: 2021,
        priceNok: 329_000,
        bodyType: "suv",
        drivetrain: "rwd",
        towbar: false,
      },
      { ...base, make: "Nissan", model: "Leaf", year: 2019, priceNok: 149_000, bodyType: "hatchback" },
      {
        ...base,
        make: "Tesla",
        model: "Model Y",
        year: 2023,
        priceNok: 469_000,
        bodyType: "suv",
        drivetrain: "awd",
        towbar: true,
        status: "reserved",
      },
      {
        ...base,
        make: "Hyundai",
        model: "IONIQ 5",
        year: 2022,
        priceNok: 429_000,
        bodyType: "suv",
        drivetrain: "awd",
        towbar: true,
        deletedAt: new Date(),
      },
    ]),
  );
  return { d, rep };
}

async function lead(dealershipId: string, message: string, extra: Record<string, unknown> = {}) {
  const { leadId } = await ingestLead(
    { dealershipId },
    {
      source: "website",
      name: "Kari Nordmann",
      email: `kari-${crypto.randomUUID().slice(0, 8)}@example.no`,
      phone: "+4791234567",
      message,
      ...extra,
    },
  );
  return leadId;
}

const replyOf = async (dealershipId: string, leadId: string) =>
  (
    await withTenant(dealershipId, (tx) =>
      tx
        .select()
        .from(conversations)
        .where(and(eq(conversations.leadId, leadId), eq(conversations.direction, "outbound"))),
    )
  )[0];

afterAll(closeDb);

describe("respondToLead reads the lead and searches the stock", () => {
  it("answers a family's electric SUV with towbar and AWD with the car that fits, never a reserved or deleted one", async () => {
    const { d } = await setup();
    const leadId = await lead(
      d.id,
      "Hei! Vi er en familie og ser etter en elektrisk SUV med hengerfeste og firehjulsdrift, maks 450 000 kr. Kan dere ringe meg i kveld etter kl. 18?",
    );
    const outcome = await respondToLead({ dealershipId: d.id }, { leadId });
    expect(outcome.status).toBe("queued");
    const reply = (await replyOf(d.id, leadId))!;
    expect(reply.messageContent).toContain("Škoda Enyaq iV");
    expect(reply.messageContent).toContain("399 000 kr");
    expect(reply.messageContent).toContain("ringer deg i kveld etter kl. 18");
    expect(reply.messageContent).not.toMatch(/Model Y|IONIQ|469 000|429 000/);
    expect(reply.messageContent).not.toContain("i løpet av kort tid");
  });

  it("answers an English lead in English, disclosure included", async () => {
    const { d } = await setup();
    const leadId = await lead(d.id, "Hi, is the Volkswagen ID.4 still available? What is the price?");
    await respondToLead({ dealershipId: d.id }, { leadId });
    const reply = (await replyOf(d.id, leadId))!;
    expect(reply.messageContent).toMatch(/^Hi Kari,/);
    expect(reply.messageContent).toContain("available");
    expect(reply.messageContent).toContain("This reply was written automatically by Norvalt");
    expect(reply.messageContent).not.toMatch(/Hei|Takk/);
  });

  it("sends a service request to the service desk, with no car for sale", async () => {
    const { d } = await setup();
    const leadId = await lead(d.id, "Jeg må bestille EU-kontroll på bilen min.");
    await respondToLead({ dealershipId: d.id }, { leadId });
    const reply = (await replyOf(d.id, leadId))!;
    expect(reply.messageContent).toContain("22 99 88 77");
    expect(reply.messageContent).toContain("verksted@faktabil.example.no");
    expect(reply.metadata).toMatchObject({ intent: "service", citedVehicleIds: [] });
  });

  it("opt-out: no reply, the e-mail and phone are suppressed, and the rep is told", async () => {
    const { d, rep } = await setup();
    const leadId = await lead(d.id, "Ikke kontakt meg igjen, jeg har allerede kjøpt bil.");
    expect(await respondToLead({ dealershipId: d.id }, { leadId })).toEqual({
      status: "not_answered",
      reason: "opt_out",
    });
    expect(await replyOf(d.id, leadId)).toBeUndefined();
    const row = (await withTenant(d.id, (tx) => tx.select().from(leads).where(eq(leads.id, leadId))))[0]!;
    const suppressed = await withTenant(d.id, (tx) =>
      isSuppressed(tx, { email: row.emailNormalized, phone: row.phoneNormalized }),
    );
    expect(suppressed).toMatchObject({ email: true, sms: true });
    const entries = await withTenant(d.id, (tx) =>
      tx.select().from(suppressions).where(eq(suppressions.dealershipId, d.id)),
    );
    expect(entries.map((e) => e.channel).sort()).toEqual(["email", "sms"]);
    const events = await withTenant(d.id, (tx) =>
      tx.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)),
    );
    expect(events.find((e) => e.type === "ai.reply_skipped")?.data).toMatchObject({ reason: "opt_out" });
    await notifyRep({ dealershipId: d.id }, { leadId, reason: "new_lead", customerAnswered: false });
    const sms = await withTenant(d.id, (tx) =>
      tx
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.leadId, leadId), eq(outboxMessages.channel, "sms"))),
    );
    expect(sms).toHaveLength(1);
    expect(sms[0]!.toAddress).toBe(rep.phone);
    expect(sms[0]!.bodyText).toContain("Vil ikke kontaktes");
  });

  it("the rep SMS is Norwegian with the name, the car, the customer's phone and the requested call time", async () => {
    const { d } = await setup();
    const leadId = await lead(d.id, "Tar dere innbytte? Ring meg gjerne etter kl. 18.", {
      vehicleInterest: "Škoda Enyaq iV",
    });
    await respondToLead({ dealershipId: d.id }, { leadId });
    await notifyRep({ dealershipId: d.id }, { leadId, reason: "new_lead", customerAnswered: true });
    const [sms] = await withTenant(d.id, (tx) =>
      tx
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.leadId, leadId), eq(outboxMessages.channel, "sms"))),
    );
    expect(sms!.bodyText).toContain("Ny lead fra Kari Nordmann");
    expect(sms!.bodyText).toContain("Interessert i: Škoda Enyaq iV");
    expect(sms!.bodyText).toContain("Tlf: 91 23 45 67");
    expect(sms!.bodyText).toContain("Spør om innbytte");
    expect(sms!.bodyText).toContain("Vil bli ringt etter kl. 18");
  });
});
