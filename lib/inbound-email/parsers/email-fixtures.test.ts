import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EMAIL_FIXTURES_DIR, loadEmailFixture } from "../../../tests/fixtures/emails/load-fixture.ts";
import {
  extractedEmailLead,
  URGENCY_SCORES,
  type ExtractedEmailLead,
  type InboundMessage,
} from "../inbound-message.ts";
import { classifyEmailHeuristically } from "./classify-email-heuristically.ts";
import { parseAdfLead } from "./parse-adf-lead.ts";
import { parseFinnNotification } from "./parse-finn-notification.ts";
import { parsePortalEmail } from "./parse-portal-email.ts";
import { prefilterEmail } from "./prefilter-email.ts";
import { stripQuotedReply } from "./strip-quoted-reply.ts";

type Expected = {
  file: string;
  outcome: "lead" | "reply" | "ignored" | "triage";
  classification: "sales_inquiry" | "spam" | "other" | "uncertain" | null;
  parser: "adf" | "portal" | "finn" | "heuristic" | null;
  prefilter: "auto_reply" | "bounce" | "spam" | "newsletter" | null;
  lead?: Partial<Omit<ExtractedEmailLead, "urgency">> & { score: number; messageContains: string };
  replyContains?: string;
  note: string;
};

const expectations = JSON.parse(
  readFileSync(join(EMAIL_FIXTURES_DIR, "expected.json"), "utf8"),
) as Expected[];

// The intake order from the lead engineer's pipeline, minus the reply step (that needs a token lookup).
function runPipeline(msg: InboundMessage) {
  const verdict = prefilterEmail(msg);
  if (verdict) {
    const classification = verdict.verdict === "spam" ? "spam" : "other";
    return {
      outcome: "ignored",
      classification,
      parser: null,
      prefilter: verdict.verdict,
      lead: null,
    } as const;
  }
  const parsers = [
    ["adf", parseAdfLead],
    ["portal", parsePortalEmail],
    ["finn", parseFinnNotification],
  ] as const;
  for (const [parser, parse] of parsers) {
    const lead = parse(msg);
    if (lead)
      return { outcome: "lead", classification: "sales_inquiry", parser, prefilter: null, lead } as const;
  }
  const { classification, extracted } = classifyEmailHeuristically(msg);
  const outcome =
    classification === "sales_inquiry" ? "lead" : classification === "uncertain" ? "triage" : "ignored";
  return { outcome, classification, parser: "heuristic", prefilter: null, lead: extracted } as const;
}

describe("e-mail fixtures", () => {
  it("has one expectation per .eml file", () => {
    const files = readdirSync(EMAIL_FIXTURES_DIR)
      .filter((f) => f.endsWith(".eml"))
      .sort();
    expect(expectations.map((e) => e.file).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(28);
  });

  it.each(expectations)("$file → $outcome ($note)", async (expected) => {
    const msg = await loadEmailFixture(expected.file);
    expect(msg.from?.address).toBeTruthy();
    expect(msg.text.trim()).not.toBe("");

    if (expected.outcome === "reply") {
      expect(msg.to.some((t) => /^reply\+\{\{REPLY_TOKEN\}\}@svar\.norvalt\.no$/i.test(t.address))).toBe(
        true,
      );
      expect(msg.subject).toMatch(/^re:/i);
      expect(prefilterEmail(msg)).toBeNull();
      const reply = stripQuotedReply(msg.text);
      expect(reply).toContain(expected.replyContains);
      expect(reply).not.toContain("{{REPLY_TOKEN}}");
      expect(reply).not.toMatch(/^>/m);
      return;
    }

    const result = runPipeline(msg);
    expect({
      outcome: result.outcome,
      classification: result.classification,
      parser: result.parser,
      prefilter: result.prefilter,
    }).toEqual({
      outcome: expected.outcome,
      classification: expected.classification,
      parser: expected.parser,
      prefilter: expected.prefilter,
    });
    if (!expected.lead) return;

    const lead = extractedEmailLead.parse(result.lead);
    const { score, messageContains, vehicleInterest, ...exact } = expected.lead;
    expect(lead).toMatchObject(exact);
    expect(URGENCY_SCORES[lead.urgency]).toBe(score);
    expect(lead.vehicleInterest ?? "").toContain(vehicleInterest);
    expect(lead.message ?? "").toContain(messageContains);
    for (const portalSender of ["no-reply@", "noreply@", "varsel@", "ikke-svar@"])
      expect(lead.email ?? "").not.toContain(portalSender);
  });
});
