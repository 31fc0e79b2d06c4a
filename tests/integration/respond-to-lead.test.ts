import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { outboxMessages } from "../../db/schema/operations.ts";
import { closeDb } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { ingestLead } from "../../lib/leads/ingest-lead.ts";
import { respondToLead } from "../../lib/responder/respond-to-lead.ts";
import { createTestDealership, createTestUser } from "../helpers/factories.ts";

let dealershipId: string;
const repPhone = "+4798765432";
beforeAll(async () => {
  dealershipId = (await createTestDealership({ name: "Fjordtest Bil AS" })).id;
  await createTestUser(dealershipId, { role: "sales_rep", name: "Siri Selger", phone: repPhone });
});
afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

const outboxFor = (leadId: string) =>
  withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.dealershipId, dealershipId), eq(outboxMessages.leadId, leadId))),
  );

describe("respondToLead (built-in responder)", () => {
  it("e-mails the customer once, texts the rep, and marks the lead contacted", async () => {
    const email = `kunde-${crypto.randomUUID().slice(0, 8)}@example.no`;
    const { leadId } = await ingestLead(dealershipId, {
      source: "website",
      name: "Kari Kunde",
      email,
      vehicleInterest: "VW ID.4",
      message: "Hva koster den?",
    });
    expect(await respondToLead({ leadId, dealershipId })).toEqual({ status: "sent" });
    expect(await respondToLead({ leadId, dealershipId })).toEqual({
      status: "skipped",
      reason: "already_answered",
    });

    const sent = await outboxFor(leadId);
    expect(sent.map((m) => [m.channel, m.toAddress]).sort()).toEqual([
      ["email", email],
      ["sms", repPhone],
    ]);
    const mail = sent.find((m) => m.channel === "email")!;
    expect(mail.bodyText).toContain("Hei Kari!");
    expect(mail.bodyText).toContain("VW ID.4");
    expect(mail.bodyText).toContain("Siri Selger");
    // The customer asked about price: the automatic reply must not answer with one.
    expect(mail.bodyText).not.toMatch(/kr|pris|rabatt|finansiering|innbytte/i);

    const [lead] = await withTenant(dealershipId, (tx) =>
      tx.select().from(leads).where(eq(leads.id, leadId)),
    );
    expect(lead).toMatchObject({ status: "contacted", firstResponseSeconds: expect.any(Number) });
    const replies = await withTenant(dealershipId, (tx) =>
      tx
        .select()
        .from(conversations)
        .where(and(eq(conversations.leadId, leadId), eq(conversations.senderType, "ai"))),
    );
    expect(replies).toHaveLength(1);
  });

  it("skips leads without e-mail and dealerships with the AI off", async () => {
    const phoneOnly = await ingestLead(dealershipId, {
      source: "website",
      phone: "41234567",
      message: "Ring meg",
    });
    expect(await respondToLead({ leadId: phoneOnly.leadId, dealershipId })).toEqual({
      status: "skipped",
      reason: "no_email",
    });
    const off = await createTestDealership({ aiMode: "off" });
    const lead = await ingestLead(off.id, { source: "website", email: "x@example.no", message: "Hei" });
    expect(await respondToLead({ leadId: lead.leadId, dealershipId: off.id })).toEqual({
      status: "skipped",
      reason: "ai_off",
    });
  });
});
