import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";

// Every .eml fixture (tests/fixtures/emails, expectations in expected.json) through the whole intake: posted to
// a dealership's inbound webhook as a message/rfc822 body, processed by email.process on the real database, and
// checked against its expected outcome — the lead's stored fields, the reply in the thread, or why it was set
// aside. The parsers' own unit tests run the same table without the database (lib/inbound-email/parsers).
delete process.env.ANTHROPIC_API_KEY;

const inboundRoute = await import("../../app/api/webhooks/email/inbound/[secret]/route.ts");
const { conversations } = await import("../../db/schema/conversations.ts");
const { emails } = await import("../../db/schema/emails.ts");
const { leads } = await import("../../db/schema/leads.ts");
const { closeDb } = await import("../../lib/db/client.ts");
const { withTenant } = await import("../../lib/db/tenant.ts");
const { stopSenderBoss } = await import("../../lib/jobs/boss.ts");
const { createLeadReplyAddress } = await import("../../lib/email/lead-reply-address.ts");
const { ingestLead } = await import("../../lib/leads/ingest-lead.ts");
const { processInboundEmail } = await import("../../lib/inbound-email/process-inbound-email.ts");
const { createTestDealership } = await import("../helpers/factories.ts");

type Expected = {
  file: string;
  outcome: "lead" | "reply" | "ignored" | "triage";
  classification: string | null;
  parser: string | null;
  prefilter: string | null;
  lead?: {
    name: string | null;
    email: string | null;
    phone: string | null;
    vehicleInterest: string;
    source: string;
    score: number;
    replyByEmail: boolean;
    messageContains: string;
  };
  replyContains?: string;
};

const FIXTURES = new URL("../fixtures/emails/", import.meta.url);
const table = JSON.parse(readFileSync(new URL("expected.json", FIXTURES), "utf8")) as Expected[];

afterAll(async () => {
  await stopSenderBoss();
  await closeDb();
});

describe("the .eml fixture table through webhook → email.process", () => {
  it("has at least 25 fixtures covering every outcome", () => {
    expect(table.length).toBeGreaterThanOrEqual(25);
    expect(new Set(table.map((e) => e.outcome))).toEqual(new Set(["lead", "reply", "ignored", "triage"]));
  });

  it.each(table.map((e) => [e.file, e] as const))("%s", async (file, expected) => {
    // A dealership per fixture: several fixtures are from the same person, and a second e-mail from someone
    // within a week is merged into their open lead (ingestLead), which is not what each row checks.
    const dealership = await createTestDealership({ name: `Fixturhuset ${file}` });
    let raw = readFileSync(new URL(file, FIXTURES)).toString("latin1");
    let replyLeadId: string | null = null;
    if (expected.outcome === "reply") {
      // Our earlier reply went to this lead; the fixture answers its Reply-To address.
      ({ leadId: replyLeadId } = await ingestLead(
        { dealershipId: dealership.id },
        {
          source: "website",
          name: "Kunde Svarer",
          email: `svar-${file}@example.no`,
          message: "Første henvendelse",
        },
      ));
      const address = createLeadReplyAddress(replyLeadId);
      raw = raw.replaceAll("{{REPLY_TOKEN}}", address.slice("reply+".length, address.indexOf("@")));
    }
    const res = await inboundRoute.POST(
      new Request(`http://localhost/api/webhooks/email/inbound/${dealership.inboundEmailSecret}`, {
        method: "POST",
        headers: { "content-type": "message/rfc822" },
        body: new Uint8Array(Buffer.from(raw, "latin1")),
      }),
      { params: Promise.resolve({ secret: dealership.inboundEmailSecret }) },
    );
    expect(res.status).toBe(200);
    const { email_id: emailId } = await res.json();
    const outcome = await processInboundEmail({ dealershipId: dealership.id }, { emailId });
    expect(outcome.status).not.toBe("failed");
    const [row] = await withTenant(dealership.id, (tx) =>
      tx.select().from(emails).where(eq(emails.id, emailId)),
    );

    if (expected.outcome === "reply") {
      expect(row).toMatchObject({
        processingStatus: "processed",
        classification: "reply",
        leadId: replyLeadId,
      });
      const thread = await withTenant(dealership.id, (tx) =>
        tx
          .select()
          .from(conversations)
          .where(eq(conversations.leadId, replyLeadId!))
          .orderBy(conversations.createdAt),
      );
      const answer = thread.at(-1)!;
      expect(answer).toMatchObject({ senderType: "customer", direction: "inbound" });
      expect(answer.messageContent).toContain(expected.replyContains);
      expect(answer.messageContent).not.toMatch(/^>/m);
      return;
    }
    if (expected.outcome === "ignored") {
      expect(row).toMatchObject({
        processingStatus: "ignored",
        classification: expected.classification,
        leadId: null,
      });
      if (expected.prefilter) {
        expect(row!.classifiedBy).toBe("prefilter");
        expect(row!.reason).toMatch(new RegExp(`^${expected.prefilter}:`));
      }
      return;
    }
    if (expected.outcome === "triage") {
      expect(row).toMatchObject({ processingStatus: "processed", classification: "uncertain", leadId: null });
      return;
    }
    expect(row).toMatchObject({
      processingStatus: "processed",
      classification: "sales_inquiry",
      classifiedBy: expected.parser,
    });
    const [lead] = await withTenant(dealership.id, (tx) =>
      tx.select().from(leads).where(eq(leads.id, row!.leadId!)),
    );
    const want = expected.lead!;
    expect(lead).toMatchObject({
      source: "email",
      customerName: want.name,
      customerEmail: want.email,
      phoneNormalized: want.phone,
      leadScore: want.score,
      aiPaused: !want.replyByEmail,
    });
    expect(lead!.vehicleInterest ?? "").toContain(want.vehicleInterest);
    expect(lead!.initialMessage ?? "").toContain(want.messageContains);
    expect(row!.extractedData).toMatchObject({ source: want.source });
  });
});
