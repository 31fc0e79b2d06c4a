import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeAnthropic } from "../fakes/anthropic-server.ts";

// The AI step of e-mail intake (PRD US-2.2) against a loopback fake of the Anthropic Messages API: Claude's
// classification and extraction are used when valid, and the built-in classifier answers when the model fails
// or says something that does not fit the schema. Environment first: modules read it once.
const fake = await startFakeAnthropic({ apiKey: "test-anthropic-key" });
process.env.ANTHROPIC_API_KEY = "test-anthropic-key";
process.env.ANTHROPIC_BASE_URL = fake.url;
process.env.ANTHROPIC_TIMEOUT_MS = "2000";

const { emails } = await import("../../db/schema/emails.ts");
const { leads } = await import("../../db/schema/leads.ts");
const { closeDb } = await import("../../lib/db/client.ts");
const { withTenant } = await import("../../lib/db/tenant.ts");
const { stopSenderBoss } = await import("../../lib/jobs/boss.ts");
const { processInboundEmail } = await import("../../lib/inbound-email/process-inbound-email.ts");
const { readUploadedEmail } = await import("../../lib/inbound-email/read-inbound-payload.ts");
const { storeInboundEmail } = await import("../../lib/inbound-email/store-inbound-email.ts");
const { createTestDealership } = await import("../helpers/factories.ts");

afterAll(async () => {
  await fake.close();
  await stopSenderBoss();
  await closeDb();
});

const eml = (name: string) => readFileSync(new URL(`../fixtures/emails/${name}`, import.meta.url));

async function receiveAndProcess(dealershipId: string, mime: Buffer) {
  const { payload, envelope } = await readUploadedEmail("message/rfc822", mime);
  // A fresh Message-ID per run: each case is a new e-mail.
  const stored = await storeInboundEmail({ dealershipId }, payload, {
    ...envelope,
    messageId: `<${crypto.randomUUID()}@test>`,
  });
  await processInboundEmail({ dealershipId }, { emailId: stored.emailId });
  const [row] = await withTenant(dealershipId, (tx) =>
    tx.select().from(emails).where(eq(emails.id, stored.emailId)),
  );
  return row!;
}

describe("aiClassifyEmail through email.process", () => {
  it("uses Claude's classification and extraction, with the mail fenced off as data", async () => {
    const d = await createTestDealership({ name: "AI-bil AS" });
    fake.reset();
    fake.reply(
      JSON.stringify({
        classification: "sales_inquiry",
        confidence: 0.93,
        lead: {
          name: "Kari Nordmann",
          email: "kari.nordmann.test@gmail.com",
          phone: "+47 912 34 567",
          vehicleInterest: "Kia EV6 GT-Line",
          message: "Kan dere matche tilbudet jeg har fått?",
          urgency: "medium",
          source: "direct_email",
          sourceUrl: null,
          externalId: null,
        },
      }),
    );
    const row = await receiveAndProcess(d.id, eml("direct-with-attachments.eml"));
    expect(row).toMatchObject({
      processingStatus: "processed",
      classification: "sales_inquiry",
      classifiedBy: "ai",
    });
    expect(row.classificationConfidence).toBeCloseTo(0.93);
    const [lead] = await withTenant(d.id, (tx) => tx.select().from(leads).where(eq(leads.id, row.leadId!)));
    expect(lead).toMatchObject({
      vehicleInterest: "Kia EV6 GT-Line",
      leadScore: 60,
      phoneNormalized: "+4791234567",
    });
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/v1/messages");
    const user = JSON.stringify(sent.body?.messages);
    expect(user).toContain("<email>");
    expect(user).toContain("kari.nordmann.test@gmail.com");
  });

  it("falls back to the built-in classifier when Claude fails or answers off-schema", async () => {
    const d = await createTestDealership({ name: "Reservebil AS" });
    fake.reset();
    fake.failWith(529, "overloaded_error");
    const failed = await receiveAndProcess(d.id, eml("direct-trade-in.eml"));
    expect(failed).toMatchObject({
      processingStatus: "processed",
      classification: "sales_inquiry",
      classifiedBy: "heuristic",
    });
    expect(failed.reason).toMatch(/AI unavailable/);

    fake.reset();
    fake.reply('{"classification": "maybe", "confidence": 2}');
    const offSchema = await receiveAndProcess(d.id, eml("direct-iso-8859-1.eml"));
    expect(offSchema).toMatchObject({ classifiedBy: "heuristic", classification: "sales_inquiry" });
    expect(offSchema.reason).toMatch(/wrong shape/);
  });

  it("puts a low-confidence or uncertain verdict on the triage list instead of answering it", async () => {
    const d = await createTestDealership({ name: "Tvilbil AS" });
    fake.reset();
    fake.reply(JSON.stringify({ classification: "sales_inquiry", confidence: 0.4, lead: null }));
    const row = await receiveAndProcess(d.id, eml("ambiguous-call-me.eml"));
    expect(row).toMatchObject({
      processingStatus: "processed",
      classification: "uncertain",
      classifiedBy: "ai",
      leadId: null,
    });
    // Deterministic parsers come first: a portal lead never reaches the model.
    const before = fake.requests.length;
    const portal = await receiveAndProcess(d.id, eml("toyota-portal-plain.eml"));
    expect(portal.classifiedBy).toBe("portal");
    expect(fake.requests.length).toBe(before);
  });
});
