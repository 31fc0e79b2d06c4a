/*
 * Reads the money amounts in a reply, however they are written, so the guardrails can hold every one of them
 * against the inventory. Recognised: "389 000 kr", "389.000,-", "kr 389 000", "kr. 389 000,-", "NOK 389,000",
 * "389000 kroner", "389k", "389 tusen", "1,2 mill.", "$30,000", "€ 25 000" — with plain, non-breaking or thin
 * spaces, dots, commas or apostrophes between the thousands. A number without a currency word still counts when
 * it is grouped in thousands ("389 000") or follows a price word ("koster 3990"), unless a unit says otherwise.
 * Not money: years, mileage and other units ("12 000 km", "77 kWh"), percentages, clock times ("kl. 08.00",
 * "09:00"), dates, phone numbers, organisation and account numbers, postcodes, and numbers inside URLs or
 * e-mail addresses. Amounts spelt out in words ("tre hundre tusen") are not read: the phrase rules catch the
 * talk around them.
 */

export type MoneyMention = { amount: number; text: string };

/** Spans that look numeric but are never money; masked before the amounts are read. */
const NOT_MONEY: RegExp[] = [
  /https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+/gi,
  /\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d{2})?)?/gi,
  /\b\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}\b/g,
  /\b\d{1,2}:\d{2}\b/g,
  /\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/g,
  /(?:\+|\b00)47[\s-]?(?:\d[\s-]?){7}\d/g,
  /(?<![\d.,])\d{2}[ .]\d{2}[ .]\d{2}[ .]\d{2}(?![\d])/g,
  /(?<![\d.,])\d{3}[ .]\d{2}[ .]\d{3}(?![\d])/g,
  /\b(?:tlf|telefon|tel|mob|mobil|phone|call|ring|sms)\.?:?\s*\d{8}\b/gi,
  /\borg(?:anisasjons)?\.?\s*(?:nr|nummer|no)\.?:?\s*\d{3}[\s.]?\d{3}[\s.]?\d{3}(?:\s*mva)?/gi,
  /\b\d{4}[ .]\d{2}[ .]\d{5}\b/g,
  /\d+(?:[.,]\d+)?\s*(?:%|prosent\b|percent\b)/gi,
];

// Thousands groups first ("389 000", "389.000", "389,000"); else digits with up to three decimals ("1,2", "0,389").
const NUMBER = /(?<![\p{L}\d.,])([1-9]\d{0,2}(?:[ .,'’]\d{3})+|\d+)(?:[.,](\d{1,3})(?!\d))?(?!\d)/gu;
// "nok" before a number is mostly the Norwegian word ("det er nok 5 år siden"): only upper-case NOK counts there.
const PREFIX_CURRENCY =
  /(?:(?:^|[^\p{L}])(?:[Kk]r\.?|KR\.?|NOK|[Nn][Kk]r|[Kk]roner|USD|EUR|SEK|DKK)|[$€£])\s*$/u;
const SUFFIX_CURRENCY =
  /^\s?(?:[.,]\s?[-–](?!\d)|kr\b|kr\.|kroner\b|kronar\b|nok\b|nkr\b|[$€£]|euro|eur\b|usd\b|dollars?\b|sek\b|dkk\b)/i;
const THOUSANDS = /^\s?(?:k|tusen|thousand|grand)\b/i;
const MILLIONS = /^\s?(?:mill(?:ion(?:er|s)?)?\.?|mnok|mkr)(?![\p{L}])/iu;
const UNIT =
  /^\s?(?:km|kilomet|mil\b|miles?\b|kwh|kw\b|hk\b|hp\b|ps\b|nm\b|liter|litre|l\b|kg\b|cm\b|mm\b|g\/km|ccm|cc\b|mph|seter|seats|d[øo]rer|doors|stk|timer|hours|min\b|minutter|sek\b|sekunder|dager|days|uker|weeks|[åa]r\b|years?|months?|m[åa]neder|mnd\b|personer|people|ganger|times)/i;
const PRICE_CUE =
  /(?:pris|koste|kostar|kost\b|betal|price|priced|cost|pay|verdt|worth|value|verdi|rabatt|avslag|discount|innbytte|trade|egenkapital|deposit|budsjett|budget|tilbud|offer|bare|kun|only)[^.!?\n]{0,25}$/i;
const MILEAGE_CUE =
  /(?:kj[øo]rt|g[åa]tt|kilometerstand|km-?stand|mileage|driven|odometer|rekkevidde|range)[^.!?\n]{0,20}$/i;

/** Every money amount in `text`, in order, as whole or decimal kroner (or the foreign amount as written). */
export function findMoneyAmounts(text: string): MoneyMention[] {
  const masked = maskNotMoney(text.replace(/[\u00A0\u2007\u2009\u202F]/g, " "));
  const found: MoneyMention[] = [];
  for (const match of masked.matchAll(NUMBER)) {
    const mention = readMention(masked, match);
    if (mention) found.push(mention);
  }
  return found;
}

function readMention(text: string, match: RegExpMatchArray): MoneyMention | null {
  const raw = match[0];
  const whole = match[1]!;
  const decimals = match[2];
  const start = match.index!;
  let end = start + raw.length;
  const grouped = /\D/.test(whole);
  let amount = Number(whole.replace(/\D/g, "")) + (decimals ? Number(`0.${decimals}`) : 0);

  const multiplier = THOUSANDS.exec(text.slice(end)) ?? MILLIONS.exec(text.slice(end));
  if (multiplier) {
    amount *= THOUSANDS.test(multiplier[0]) ? 1_000 : 1_000_000;
    end += multiplier[0].length;
  }
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 20);
  const currency = PREFIX_CURRENCY.test(before) || SUFFIX_CURRENCY.test(after);
  const shown = text.slice(start, end + (SUFFIX_CURRENCY.exec(after)?.[0].length ?? 0)).trim();
  const result = { amount: Math.round(amount * 100) / 100, text: shown };

  if (currency) return result;
  if (UNIT.test(after)) return null;
  if (multiplier) return result;
  const isYear = !grouped && !decimals && /^(19|20)\d\d$/.test(whole);
  if (amount < 1000 || isYear || MILEAGE_CUE.test(before)) return null;
  return grouped || PRICE_CUE.test(before) ? result : null;
}

function maskNotMoney(text: string): string {
  return NOT_MONEY.reduce(
    (masked, pattern) => masked.replace(pattern, (span) => "#".repeat(span.length)),
    text,
  );
}
