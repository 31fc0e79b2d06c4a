import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeAnthropic } from "../fakes/anthropic-server.ts";

// Every model call leaves one llm_calls row (model, latency, tokens, outcome), written by the AI functions through
// the LLM port against a loopback fake of the Anthropic Messages API; the rows are tenant data under forced RLS.
// Environment first: modules read it once.
const fake = await startFakeAnthropic({ apiKey: "test-anthropic-key" });
process.env.ANTHROPIC_API_KEY = "test-anthropic-key";
process.env.ANTHROPIC_BASE_URL = fake.url;
process.env.ANTHROPIC_TIMEOUT_MS = "2000";

const { llmCalls } = await import("../../db/schema/llm-calls.ts");
const { closeDb } = await import("../../lib/db/client.ts");
const { withTenant } = await import("../../lib/db/tenant.ts");
const { stopSenderBoss } = await import("../../lib/jobs/boss.ts");
const { processInboundEmail } = await import("../../lib/inbound-email/process-inbound-email.ts");
const { readUploadedEmail } = await import("../../lib/inbound-email/read-inbound-payload.ts");
const { storeInboundEmail } = await import("../../lib/inbound-email/store-inbound-email.ts");
const { setLlmForTests } = await import("../../lib/integrations/llm/get-llm.ts");
const { aiDraftLeadReply } = await import("../../lib/responder/ai-draft-lead-reply.ts");
const { INVENTORY, replyContext } = await import("../fixtures/reply-context.ts");
const { createTestDealership, createTestLead } = await import("../helpers/factories.ts");

afterAll(async () => {
  await fake.close();
  await stopSenderBoss();
  await closeDb();
});
beforeEach(() => fake.reset());

const context = () =>
  replyContext({
    vehicles: INVENTORY.slice(0, 2),
    lead: { customerName: "Ola Nordmann", message: "Er bilen fortsatt til salgs?" },
  });

/** A dealership with one lead, and a draft for that lead; returns the llm_calls rows of the dealership. */
async function draftForNewLead(options: { signal?: AbortSignal } = {}) {
  const dealership = await createTestDealership();
  const lead = await createTestLead(dealership.id);
  const tenant = { dealershipId: dealership.id };
  const draft = await aiDraftLeadReply(tenant, { context: context(), leadId: lead.id }, options);
  const rows = await withTenant(dealership.id, (tx) =>
    tx.select().from(llmCalls).where(eq(llmCalls.dealershipId, dealership.id)),
  );
  return { dealership, lead, draft, rows };
}

describe("llm_calls", () => {
  it("records a successful reply with model, latency, tokens and the lead", async () => {
    const { lead, draft, rows } = await draftForNewLead();
    expect(draft.source).toBe("claude");
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      purpose: "draft_reply",
      outcome: "ok",
      model: "claude-sonnet-5-5",
      leadId: lead.id,
      emailId: null,
      errorKind: null,
    });
    expect(row!.inputTokens).toBeGreaterThan(0);
    expect(row!.outputTokens).toBeGreaterThan(0);
    expect(row!.cacheReadTokens! + row!.cacheCreationTokens!).toBeGreaterThan(0);
    expect(row!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("records an overloaded API (529) as api_error without tokens, and the built-in reply answers", async () => {
    fake.failWith(529, "overloaded_error");
    const { draft, rows } = await draftForNewLead();
    expect(draft).toMatchObject({ source: "builtin", fallbackReason: "server_error" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: "draft_reply",
      outcome: "api_error",
      errorKind: "server_error",
      inputTokens: null,
      outputTokens: null,
    });
  });

  it("records a call that ran out of time as timeout", async () => {
    fake.delay(5_000);
    const { draft, rows } = await draftForNewLead({ signal: AbortSignal.timeout(150) });
    expect(draft).toMatchObject({ source: "builtin", fallbackReason: "timeout" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "timeout", errorKind: "timeout", inputTokens: null });
    // Cut by the caller's signal, not answered by the fake after its 5 s (how long exactly is no assertion: the
    // signal's clock starts before the call does, and a loaded machine is slower).
    expect(rows[0]!.latencyMs).toEqual(expect.any(Number));
    expect(rows[0]!.latencyMs).toBeLessThan(5_000);
  });

  it("records an answer that does not fit the schema as invalid_output, with the tokens it cost", async () => {
    fake.reply("Hei Ola! Takk for henvendelsen, vi ringer deg i morgen.");
    const { draft, rows } = await draftForNewLead();
    expect(draft).toMatchObject({ source: "builtin", fallbackReason: "invalid_output" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "invalid_output", errorKind: "invalid_output" });
    expect(rows[0]!.inputTokens).toBeGreaterThan(0);
    expect(rows[0]!.outputTokens).toBeGreaterThan(0);
  });

  it("records a reply citing a car that is not in the context as invalid_output", async () => {
    fake.reply(
      JSON.stringify({
        subject: "Takk for henvendelsen",
        body: "Hei Ola!\n\nTakk for henvendelsen. En selger tar kontakt.",
        citedVehicleIds: ["made-up-id"],
        intent: "availability",
      }),
    );
    const { draft, rows } = await draftForNewLead();
    expect(draft.fallbackReason).toBe("invalid_output");
    expect(rows[0]).toMatchObject({ outcome: "invalid_output", errorKind: "invalid_output" });
  });

  it("records nothing when no model is configured, and the built-in reply answers", async () => {
    setLlmForTests({ generate: async () => ({ outcome: "not_configured" }) });
    try {
      const { draft, rows } = await draftForNewLead();
      expect(draft.source).toBe("builtin");
      expect(draft.fallbackReason).toBeUndefined();
      expect(rows).toEqual([]);
    } finally {
      setLlmForTests(undefined);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("records the e-mail classifier's call with the e-mail it was for", async () => {
    const dealership = await createTestDealership();
    fake.reply(JSON.stringify({ classification: "spam", confidence: 0.97, lead: null }));
    const mime = readFileSync(new URL("../fixtures/emails/ambiguous-call-me.eml", import.meta.url));
    const { payload, envelope } = await readUploadedEmail("message/rfc822", mime);
    const stored = await storeInboundEmail({ dealershipId: dealership.id }, payload, {
      ...envelope,
      messageId: `<${crypto.randomUUID()}@test>`,
    });
    await processInboundEmail({ dealershipId: dealership.id }, { emailId: stored.emailId });
    const rows = await withTenant(dealership.id, (tx) =>
      tx.select().from(llmCalls).where(eq(llmCalls.dealershipId, dealership.id)),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: "classify_email",
      outcome: "ok",
      emailId: stored.emailId,
      leadId: null,
    });
    expect(rows[0]!.inputTokens).toBeGreaterThan(0);
  });

  it("keeps each dealership's calls to itself (RLS), even without a filter", async () => {
    const a = await draftForNewLead();
    const b = await createTestDealership();
    const seenByB = await withTenant(b.id, (tx) => tx.select().from(llmCalls));
    expect(seenByB.filter((row) => row.dealershipId === a.dealership.id)).toEqual([]);
    const askedByB = await withTenant(b.id, (tx) =>
      tx.select().from(llmCalls).where(eq(llmCalls.dealershipId, a.dealership.id)),
    );
    expect(askedByB).toEqual([]);
    // Nor can B write a row in A's name.
    await expect(
      withTenant(b.id, (tx) =>
        tx.insert(llmCalls).values({
          dealershipId: a.dealership.id,
          purpose: "draft_reply",
          model: "x",
          latencyMs: 1,
          outcome: "ok",
        }),
      ),
    ).rejects.toThrow();
    expect(a.rows).toHaveLength(1);
  });
});
