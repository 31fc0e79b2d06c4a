import type { EmailIntegrationSettings } from "../../db/schema/dealerships.ts";
import type { Tenant } from "../db/tenant.ts";
import { aiClassifyEmail } from "./ai-classify-email.ts";
import type {
  EmailClassification,
  EmailParser,
  ExtractedEmailLead,
  InboundMessage,
} from "./inbound-message.ts";
import { classifyEmailHeuristically } from "./parsers/classify-email-heuristically.ts";
import { parseAdfLead } from "./parsers/parse-adf-lead.ts";
import { parseFinnNotification } from "./parsers/parse-finn-notification.ts";
import { parsePortalEmail } from "./parsers/parse-portal-email.ts";
import { prefilterEmail } from "./parsers/prefilter-email.ts";
import { getLogger } from "../log/logger.ts";

/** Below this a "sales_inquiry" goes to the humans' triage list instead of being answered automatically. */
export const MIN_LEAD_CONFIDENCE = 0.6;

export type EmailDecision =
  | {
      kind: "ignored";
      classification: "spam" | "other";
      by: "prefilter" | EmailParser;
      reason: string;
      confidence: number;
    }
  | { kind: "lead"; by: EmailParser; confidence: number; extracted: ExtractedEmailLead; reason?: string }
  | {
      kind: "triage";
      by: EmailParser;
      confidence: number;
      extracted: ExtractedEmailLead | null;
      reason: string;
    };

const NO_REPLY =
  /^(no-?reply|do-?not-?reply|noreply|varsel|notification|notifications|mailer-daemon|postmaster)[@+.-]/i;

/**
 * What an e-mail (not a reply to one of ours) is, cheapest first: the rule-based pre-filter, then the
 * deterministic parsers (ADF/XML, importer portals, FINN), then the AI when a key is set (the built-in heuristic
 * otherwise, or when the AI fails).
 */
export async function classifyInboundEmail(
  tenant: Tenant,
  input: { message: InboundMessage; settings: EmailIntegrationSettings; emailId?: string },
  options: { signal?: AbortSignal } = {},
): Promise<EmailDecision> {
  const { message, settings } = input;
  const filtered = prefilterEmail(message, settings);
  if (filtered) {
    return {
      kind: "ignored",
      classification: filtered.verdict === "spam" ? "spam" : "other",
      by: "prefilter",
      reason: `${filtered.verdict}: ${filtered.reason}`,
      confidence: 1,
    };
  }
  for (const [by, parse] of PARSERS) {
    const extracted = parse(message);
    if (extracted)
      return leadOrTriage(message, { classification: "sales_inquiry", confidence: 1, extracted, by });
  }
  return leadOrTriage(message, await classifyWithModel(tenant, input, options.signal));
}

const PARSERS = [
  ["adf", parseAdfLead],
  ["portal", parsePortalEmail],
  ["finn", parseFinnNotification],
] as const;

type Verdict = {
  classification: EmailClassification;
  confidence: number;
  extracted: ExtractedEmailLead | null;
  by: EmailParser;
  reason?: string;
};

async function classifyWithModel(
  tenant: Tenant,
  { message, emailId }: { message: InboundMessage; emailId?: string },
  signal?: AbortSignal,
): Promise<Verdict> {
  try {
    const ai = await aiClassifyEmail(tenant, { message, emailId }, { signal });
    // No model configured (the LLM port's dev adapter): the built-in classifier is the answer.
    if (!ai) return { ...classifyEmailHeuristically(message), by: "heuristic" };
    getLogger("email").info(
      `email classified by ${ai.model} in ${ai.latencyMs} ms (${ai.usage.inputTokens} in / ${ai.usage.outputTokens} out tokens)`,
    );
    return { ...ai, by: "ai" };
  } catch (err) {
    // The heuristic answers instead: a model outage must not stop e-mail leads.
    getLogger("email").warn(
      `email classification failed, using the built-in classifier: ${(err as Error).message}`,
    );
    const fallback = classifyEmailHeuristically(message);
    return {
      ...fallback,
      by: "heuristic",
      reason: `AI unavailable: ${(err as Error).message.slice(0, 200)}`,
    };
  }
}

function leadOrTriage(message: InboundMessage, verdict: Verdict): EmailDecision {
  const { classification, confidence, by } = verdict;
  if (classification === "spam" || classification === "other") {
    return {
      kind: "ignored",
      classification,
      by,
      confidence,
      reason: verdict.reason ?? `classified as ${classification}`,
    };
  }
  const extracted = verdict.extracted ? withSenderFallback(message, verdict.extracted) : null;
  const reachable = extracted && (extracted.email || extracted.phone || extracted.sourceUrl);
  if (classification === "sales_inquiry" && confidence >= MIN_LEAD_CONFIDENCE && reachable) {
    return { kind: "lead", by, confidence, extracted, reason: verdict.reason };
  }
  const reason =
    classification === "uncertain"
      ? "the classifier is not sure"
      : !reachable
        ? "no e-mail address, phone or link to answer"
        : `confidence ${confidence.toFixed(2)} below ${MIN_LEAD_CONFIDENCE}`;
  return { kind: "triage", by, confidence, extracted, reason };
}

/**
 * "Missing fields: fallback to sender info" (PRD US-2.2) — but only for mail the customer sent themself: a
 * portal's or FINN's no-reply sender is never the customer.
 */
function withSenderFallback(message: InboundMessage, extracted: ExtractedEmailLead): ExtractedEmailLead {
  if (extracted.source !== "direct_email") return extracted;
  const sender = [...message.replyTo, ...(message.from ? [message.from] : [])].find(
    (a) => !NO_REPLY.test(a.address),
  );
  return {
    ...extracted,
    email: extracted.email ?? sender?.address ?? null,
    name: extracted.name ?? sender?.name ?? null,
  };
}
