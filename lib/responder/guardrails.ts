import type { DraftReply, ReplyContext } from "./reply-types.ts";
import { findStockClaimViolations } from "./check-stock-claims.ts";
import { findMoneyAmounts } from "./find-money-amounts.ts";
import {
  FINANCING_CONTEXT,
  PHRASE_PATTERNS,
  TRADE_IN_CONTEXT,
  type PhraseRule,
} from "./guardrail-phrases.ts";
import { formatPhoneForDisplay } from "../leads/normalise-contact.ts";
import { foldText, splitSentences } from "./normalize-text.ts";

/*
 * The rules every reply obeys before it reaches a customer, whoever wrote it (Claude or the built-in responder).
 * They run on the subject and the body. What the dealership wrote itself — its name, phone, e-mail, address and
 * signature — and the AI disclosure are masked first: an org number or a website in a signature is not a promise.
 */

export type GuardrailRule =
  | "money"
  | "discount"
  | "trade_in_value"
  | "financing"
  | "reservation"
  | "delivery"
  | "stock_claim"
  | "links"
  | "length"
  | "disclosure";
export type GuardrailViolation = { rule: GuardrailRule; detail: string };
export type GuardrailVerdict = { ok: boolean; violations: GuardrailViolation[] };

/**
 * Length limits for what the responder wrote: the body without the signature and the disclosure. A good first
 * reply is a greeting and 2–4 sentences (~400 characters); 8 sentences or 1200 characters is a letter nobody
 * reads on a phone, or a model that ran away. The subject is capped at the 150 characters Claude's schema allows.
 */
export const MAX_BODY_CHARS = 1200;
export const MAX_SENTENCES = 8;
export const MAX_SUBJECT_CHARS = 150;

const PHRASE_RULES = Object.keys(PHRASE_PATTERNS) as PhraseRule[];
const URL =
  /\bhttps?:\/\/[^\s<>"'()[\]]+|\bwww\.[^\s<>"'()[\]]+|\b(?:[a-z0-9-]+\.)+(?:no|com|net|org|io|se|dk|eu|de|uk|info|biz|app|co|me|ly|xyz|link|site|online|shop|ai|to|cc)\b(?:\/[^\s<>"'()[\]]*)?/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const FREE_MAIL =
  /^(gmail|googlemail|hotmail|outlook|live|yahoo|icloud|me|online|msn|aol|proton|protonmail)\./;
const CLOSING = /^(med )?(vennlig|venleg) (hilsen|helsing)|^hilsen|^mvh|^(kind|best|warm) regards|^regards/i;
const GREETING = /^(hei|hallo|heisann|hi|hello|dear|kjære)\b[^.?]{0,40}[!,.]?$/i;

/** The line that tells the customer a machine wrote the reply, in the reply's language (English to an English lead). */
export function aiDisclosureLine(dealershipName: string, language: "nb" | "nn" | "en" = "nb"): string {
  if (language === "en") {
    const name = dealershipName.trim() || "the dealership";
    return `This reply was written automatically by Norvalt, an AI assistant for ${name}. A salesperson will follow up personally.`;
  }
  const name = dealershipName.trim() || "forhandleren";
  return `Dette svaret er skrevet automatisk av Norvalt, en AI-assistent for ${name}. En selger følger opp personlig.`;
}

/** The disclosure this context's reply must carry: English when the lead was read as English. */
function disclosureFor(ctx: ReplyContext): string {
  return aiDisclosureLine(ctx.dealership.name, ctx.facts?.language);
}

/** The reply with the disclosure as its last paragraph, added once however often this is called. */
export function withDisclosure(reply: DraftReply, ctx: ReplyContext): DraftReply {
  const line = disclosureFor(ctx);
  if (squash(reply.body).includes(squash(line))) return reply;
  return { ...reply, body: `${reply.body.trimEnd()}\n\n${line}` };
}

/** Every rule the reply breaks; ok when none. Pure and deterministic, so it is cheap to run on every reply. */
export function checkReply(reply: DraftReply, ctx: ReplyContext): GuardrailVerdict {
  const text = maskOwnWords(`${reply.subject}\n\n${reply.body}`, ctx);
  // A variant may be called "Approved Plus" or "Deal Edition": the inventory's words are not the reply's promise.
  const withoutCarNames = maskLiterals(
    text,
    ctx.vehicles.flatMap((v) => [v.model, v.variant]),
  );
  const violations: GuardrailViolation[] = [
    ...checkMoney(text, reply, ctx),
    ...checkPhrases(withoutCarNames),
    ...findStockClaimViolations(text, reply, ctx).map((detail) => ({ rule: "stock_claim" as const, detail })),
    ...checkLinks(text, reply, ctx),
    ...checkLength(reply, ctx),
    ...(squash(reply.body).includes(squash(disclosureFor(ctx)))
      ? []
      : [{ rule: "disclosure" as const, detail: "the AI disclosure line is missing" }]),
  ];
  const unique = violations.filter(
    (v, i) => violations.findIndex((w) => w.rule === v.rule && w.detail === v.detail) === i,
  );
  return { ok: unique.length === 0, violations: unique };
}

function checkMoney(text: string, reply: DraftReply, ctx: ReplyContext): GuardrailViolation[] {
  const allowed = new Set(
    ctx.vehicles
      .filter((v) => reply.citedVehicleIds.includes(v.id) && v.status === "available" && v.priceNok != null)
      .map((v) => v.priceNok),
  );
  const interest = ctx.lead.vehicleInterest?.trim() ?? "";
  // Car names carry numbers ("Peugeot 3008", "Model 3") that are not amounts; so may the customer's own words.
  const names = ctx.vehicles.flatMap((v) => [
    `${v.make} ${v.model}`,
    /\p{L}/u.test(v.model) ? v.model : null,
    v.variant,
  ]);
  const safeInterest = interest.length <= 80 && findMoneyAmounts(interest).length === 0 ? interest : null;
  const masked = maskLiterals(text, [...names, safeInterest]);
  const violations: GuardrailViolation[] = [];
  for (const sentence of splitSentences(masked)) {
    const folded = foldText(sentence);
    for (const { amount, text: shown } of findMoneyAmounts(sentence)) {
      if (allowed.has(amount)) continue;
      violations.push({ rule: "money", detail: `${shown} is not the listed price of a cited available car` });
      // An amount in a sentence about the old car or a loan is also that rule's breach, for the reviewer.
      if (TRADE_IN_CONTEXT.test(folded)) {
        violations.push({ rule: "trade_in_value", detail: `${shown} near a trade-in` });
      }
      if (FINANCING_CONTEXT.test(folded)) {
        violations.push({ rule: "financing", detail: `${shown} near financing` });
      }
    }
  }
  return violations;
}

function checkPhrases(text: string): GuardrailViolation[] {
  const folded = foldText(text);
  return PHRASE_RULES.flatMap((rule) =>
    PHRASE_PATTERNS[rule].flatMap((pattern) => {
      const match = pattern.exec(folded);
      return match ? [{ rule, detail: `"${match[0].trim()}"` }] : [];
    }),
  );
}

function checkLinks(text: string, reply: DraftReply, ctx: ReplyContext): GuardrailViolation[] {
  const allowed = new Set(
    ctx.vehicles
      .filter((v) => reply.citedVehicleIds.includes(v.id) && v.listingUrl)
      .map((v) => normalizeUrl(v.listingUrl!)),
  );
  const ownDomain = ctx.dealership.email.split("@")[1]?.toLowerCase() ?? "";
  const ownHost = ownDomain && !FREE_MAIL.test(ownDomain) ? ownDomain : null;
  const links = text.replace(EMAIL, (m) => "#".repeat(m.length)).match(URL) ?? [];
  return links
    .map((link) => link.replace(/[.,;:!?]+$/, ""))
    .filter((link) => {
      const url = normalizeUrl(link);
      return !allowed.has(url) && !(ownHost && url.split(/[/?#]/)[0] === ownHost);
    })
    .map((link) => ({ rule: "links" as const, detail: link }));
}

function checkLength(reply: DraftReply, ctx: ReplyContext): GuardrailViolation[] {
  const own = [disclosureFor(ctx), ctx.dealership.signature];
  const paragraphs = maskLiterals(reply.body, own, "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p && !CLOSING.test(p));
  const main = paragraphs.filter((p, i) => !(i === 0 && GREETING.test(p)));
  const chars = paragraphs.join("\n\n").length;
  const sentences = main.flatMap((p) => splitSentences(p)).length;
  const violations: GuardrailViolation[] = [];
  if (chars > MAX_BODY_CHARS)
    violations.push({ rule: "length", detail: `${chars} characters (max ${MAX_BODY_CHARS})` });
  if (sentences > MAX_SENTENCES)
    violations.push({ rule: "length", detail: `${sentences} sentences (max ${MAX_SENTENCES})` });
  if (reply.subject.length > MAX_SUBJECT_CHARS) {
    violations.push({
      rule: "length",
      detail: `subject of ${reply.subject.length} characters (max ${MAX_SUBJECT_CHARS})`,
    });
  }
  return violations;
}

/** The dealership's own words and the disclosure, which no rule applies to. */
function maskOwnWords(text: string, ctx: ReplyContext): string {
  const { signature, name, phone, email, address, city, serviceEmail, servicePhone } = ctx.dealership;
  return maskLiterals(text, [
    disclosureFor(ctx),
    signature,
    name,
    phone,
    email,
    address,
    city,
    serviceEmail,
    servicePhone,
    ...[phone, servicePhone].map((p) => (p ? formatPhoneForDisplay(p) : null)),
  ]);
}

/** Whole-word, case-insensitive occurrences of each literal replaced (by "#"s of equal length, unless told). */
function maskLiterals(text: string, literals: (string | null | undefined)[], filler = "#"): string {
  return literals
    .map((literal) => literal?.trim())
    .filter((literal): literal is string => Boolean(literal))
    .sort((a, b) => b.length - a.length)
    .reduce((masked, literal) => {
      const source = literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
      const pattern = new RegExp(`(?<![\\p{L}\\d])${source}(?![\\p{L}\\d])`, "giu");
      return masked.replace(pattern, (m) => filler.repeat(filler ? m.length : 0));
    }, text);
}

function normalizeUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/+$/, "");
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
