import { findPhoneNumbersInText } from "libphonenumber-js/max";
import { hasSearchCriteria, type FactIntent } from "../../responder/lead-facts.ts";
import { readLead } from "../../responder/read-lead.ts";
import type { EmailClassification, ExtractedEmailLead, InboundMessage } from "../inbound-message.ts";
import { convertHtmlToText } from "./convert-html-to-text.ts";
import { detectUrgency } from "./detect-urgency.ts";
import { findVehicleMention, mentionsVehicle } from "./find-vehicle-mention.ts";
import { stripQuotedReply } from "./strip-quoted-reply.ts";

export type HeuristicClassification = {
  classification: EmailClassification;
  confidence: number;
  extracted: ExtractedEmailLead | null;
};

type Signal = [pattern: RegExp, weight: number];

// Weights are rough log-odds: 3 = on its own says "buyer" (or "not a buyer"), 1 = only together with others.
const SALES: Signal[] = [
  [/\bpr[øo]vekj[øo]r\w*|\btest[- ]?drive\b/i, 3],
  [/\binteressert i\b|\binterested in\b/i, 3],
  [
    /\ber (bilen|den) (fortsatt |enda |still )?(ledig|tilgjengelig|til salgs|solgt)\b|\bstill available\b/i,
    4,
  ],
  [/\binnbytte\w*|\btrade[- ]?in\b/i, 3],
  [/\bfinansier\w*|\bbillån\b|\bleasing\b|\bm[åa]nedspris\w*|\bfinanc\w*|\blease\b/i, 3],
  [/\b(kjøpe|kjøp av|ønsker å kjøpe|vurderer å kjøpe|buy|purchase)\b/i, 3],
  [/\b(hva koster|pris(en)? på|tilbud på|bedre tilbud|beste pris|how much|best price)\b/i, 3],
  [/\b(reserver\w*|bestille|levering\w*|leveringstid)\b/i, 2],
  [/\b(pris|tilbud|rabatt|price|offer)\b/i, 1],
  [/\b(bilen|bil|car|kjøretøy)\b/i, 1],
  [/\b[A-Z]{2} ?\d{4,5}\b/, 2],
];
const OTHER: Signal[] = [
  [/\bfaktura\w*|\binvoice\b|\bforfalls?dato\b|\bKID\b|\bkontonummer\b|\bpurring\b|\binkasso\b/i, 3],
  [
    /\bsøknad\b|\bsøker (herved|på)\b|\bstilling(en)?\b|\b(CV|attester)\b|\bjob application\b|\bapplying for\b/i,
    3,
  ],
  [/\babonnement\w*|\bsubscription\b|\bnyhetsbrev\b|\bnewsletter\b/i, 3],
  [/\bleverandør\w*|\bforhandlerpris\w*|\bengros\w*|\bsupplier\b|\bwholesale\b/i, 2],
  [
    /\bsamarbeid\w*|\bpartnership\b|\bsponsor\w*|\bvi tilbyr\b|\bwe offer\b|\btil (alle )?bilforhandlere\b/i,
    2,
  ],
  [/\b(ordrebekreftelse|kvittering|order confirmation|receipt|betalingspåminnelse)\b/i, 3],
  [/\b(verksted|service|eu-kontroll|dekkskift|reklamasjon|garanti)\w*/i, 1],
];
const SPAM: Signal[] = [
  [
    /\b(bitcoin|kryptovaluta|krypto|cryptocurrency|crypto|forex|garantert avkastning|guaranteed returns?)\b/i,
    4,
  ],
  [/\b(viagra|cialis|casino|lottery|du har vunnet|you have won)\b/i, 4],
  [/\b(seo|backlinks?|first page of google|web design)\b/i, 3],
];
const REQUEST =
  /\?|\b(ønsker|vil gjerne|kan dere|kunne dere|send meg|ring meg|ta kontakt|would like|please|could you)\b/i;
const NO_REPLY =
  /^(no-?reply|noreply|do-?not-?reply|donotreply|ikke-?svar|mailer-daemon|postmaster)[\w.+-]*@/i;

/**
 * The built-in classifier used when no AI key is configured: keyword scores for Norwegian and English purchase
 * intent against invoice/job/supplier/spam signals, plus a best-effort lead extraction for direct customer mail.
 * Deliberately conservative: when the signals are weak or mixed it says "uncertain" (confidence < 0.6) so a
 * person triages the mail instead of the customer getting a wrong automatic answer.
 */
export function classifyEmailHeuristically(msg: InboundMessage): HeuristicClassification {
  const body = stripQuotedReply(msg.text.trim() || (msg.html ? convertHtmlToText(msg.html) : ""));
  const text = `${msg.subject}\n${body}`.slice(0, 20_000);
  const email = customerEmail(msg);

  const spam = score(text, SPAM);
  const other = score(text, OTHER);
  let sales = score(text, SALES) + (mentionsVehicle(text) ? 2 : 0);
  if (!REQUEST.test(text)) sales -= 1;
  if (!email) sales -= 2;

  // A margin of 2 or more is needed to decide anything (confidence ≥ 0.6); below that a person triages.
  if (spam >= 3 && spam - sales >= 2)
    return { classification: "spam", confidence: confidenceFor(spam - sales), extracted: null };
  if (other >= 3 && other - sales >= 2)
    return { classification: "other", confidence: confidenceFor(other - sales), extracted: null };
  const extracted = extractLead(msg, body, text, email);
  if (sales >= 5 && sales - other >= 3)
    return { classification: "sales_inquiry", confidence: confidenceFor(sales - other), extracted };
  // Read like a lead (the responders' reader): a private sender who names a car or asks a buying question, or who
  // gives a phone number to be called back on, is a customer. Newsletters, notifications and auto-replies are
  // stopped by the pre-filter before this; supplier offers, invoices and spam carry their own signals here.
  if (
    email &&
    spam === 0 &&
    other < 2 &&
    looksLikeCustomer(`${msg.subject}\n${body}`, extracted.phone ?? null)
  )
    return { classification: "sales_inquiry", confidence: confidenceFor(3), extracted };
  return {
    classification: "uncertain",
    confidence: Math.min(0.55, 0.3 + Math.max(0, sales) * 0.05),
    extracted,
  };
}

const BUYING: FactIntent[] = [
  "price",
  "availability",
  "test_drive",
  "trade_in",
  "financing",
  "reservation",
  "delivery",
];

function looksLikeCustomer(text: string, phone: string | null): boolean {
  const facts = readLead({ message: text });
  if (facts.intents.some((i) => i === "service" || i === "opt_out" || i === "complaint")) return false;
  const buying =
    facts.intents.some((i) => BUYING.includes(i)) ||
    ((facts.criteria.namedCar !== null || hasSearchCriteria(facts.criteria)) && REQUEST.test(text));
  return buying || (facts.intents.includes("callback") && phone !== null);
}

function score(text: string, signals: Signal[]): number {
  return signals.reduce((sum, [pattern, weight]) => (pattern.test(text) ? sum + weight : sum), 0);
}

// Margin 2 → 0.6, 6 → 0.76, 10+ → 0.92 (capped): sure enough to act, never certain.
function confidenceFor(margin: number): number {
  return Math.round(Math.min(0.92, 0.52 + margin * 0.04) * 100) / 100;
}

function customerEmail(msg: InboundMessage): string | null {
  const from = msg.from?.address;
  if (from && !NO_REPLY.test(from)) return from.toLowerCase();
  return msg.replyTo.find((r) => !NO_REPLY.test(r.address))?.address.toLowerCase() ?? null;
}

function extractLead(
  msg: InboundMessage,
  body: string,
  text: string,
  email: string | null,
): ExtractedEmailLead {
  return {
    name: nameFromDisplayName(msg) ?? nameFromSignature(body),
    email,
    phone: findPhone(body),
    vehicleInterest: (findVehicleMention(body) ?? findVehicleMention(msg.subject))?.slice(0, 300) ?? null,
    message: body.slice(0, 10_000) || null,
    urgency: detectUrgency(text),
    source: "direct_email",
    sourceUrl: null,
    externalId: null,
    replyByEmail: email !== null,
  };
}

// Display names of systems and companies, not of the customer ("Leadsystem", "FINN.no", "Hyundai Motor Norway AS").
const NOT_A_PERSON =
  /\b(as|asa|ab|gmbh|ltd|inc|kundeservice|kundesenter|support|post|salg|sales|info|team|no-?reply|firma|bil(hus|senter)|norge|norway|motor|lead\w*|\w*system\w*|varsel|service|mail)\b|@|\.[a-z]{2,}$/i;

function nameFromDisplayName(msg: InboundMessage): string | null {
  const raw = (msg.from && !NO_REPLY.test(msg.from.address) ? msg.from.name : msg.replyTo[0]?.name)
    ?.trim()
    .replace(/^"|"$/g, "");
  if (!raw || NOT_A_PERSON.test(raw) || !/\p{L}/u.test(raw)) return null;
  // Outlook address books show "Nordmann, Kari".
  const lastFirst = /^([^,]+),\s*([^,]+)$/.exec(raw);
  return lastFirst ? `${lastFirst[2]} ${lastFirst[1]}` : raw;
}

const GREETING =
  /^(mvh|med vennlig hilsen|vennlig hilsen|hilsen|beste hilsen|mvh\.|vh|best regards|kind regards|regards|cheers)[,.!]?\s*(.*)$/i;
const PERSON_NAME = /^\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){0,3}$/u;

function nameFromSignature(body: string): string | null {
  const lines = body.split("\n").map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = GREETING.exec(lines[i] ?? "");
    if (!match) continue;
    const candidate = (match[2] || lines.slice(i + 1).find((l) => l) || "").trim();
    return PERSON_NAME.test(candidate) ? candidate : null;
  }
  return null;
}

function findPhone(body: string): string | null {
  for (const found of findPhoneNumbersInText(body, "NO")) {
    if (
      found.number.isValid() &&
      (found.number.country === "NO" || body.slice(found.startsAt).startsWith("+"))
    )
      return found.number.number;
  }
  return null;
}
