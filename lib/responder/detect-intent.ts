import type { LeadIntent } from "./reply-types.ts";
import { foldText, isNearWord, tokenize } from "./normalize-text.ts";

type IntentRule = {
  intent: Exclude<LeadIntent, "general">;
  /** Matched against folded text (ø→o, å→a, æ→ae, lower case). */
  patterns: RegExp[];
  /** Long keywords also recognised with a typo ("provekjorng", "finansering"). */
  fuzzyWords: string[];
  /** "uten innbytte", "no financing needed": a negated mention is not the customer's wish. */
  negatable: boolean;
};

/*
 * Priority order, most specific first. A service request is not a sale at all: it goes to the service desk. A test drive is the strongest buying signal and needs a booking; trade-in
 * and financing need the salesperson's own preparation; price and availability are answered in every reply that
 * cites a car anyway, so they only lead when nothing more specific was asked.
 */
const RULES: IntentRule[] = [
  {
    // Someone with a car who needs the workshop, not a salesperson. Only phrasings of wanting service count: a
    // buyer's "har bilen ny EU-kontroll?", "full service" or "service history" describes the car for sale.
    intent: "service",
    patterns: [
      /\bverk(sted|stad)/,
      /\b(bestille|bestill|booke|book|trenger|treng|ta|ha|fa|time (til|pa|for|hos))\s+(en |ei |ny |neste )?(eu\s?-?\s?kontroll|pkk|service|dekkskift|hjulskift)\b/,
      /\b(eu\s?-?\s?kontroll|pkk|service|reparasjon) (pa|av|for|til) (min|mi|mitt|var|bilen min|bilen var)\b/,
      /\bservice\s?-?(time|timen|avtale|intervall)\b/,
      /\b(dekkskift|hjulskift|dekkhotell|hjulhotell|skifte (dekk|hjul))/,
      /\b(reparere|fikse) (min|mi|mitt|bilen min)\b/,
      /\b(bilen|bil) min (trenger|treng|ma inn|ma pa|skal inn|skal pa)\b/,
      /\b(book|schedule|booking)\s+(a |an |my |the )?(car )?(service|servicing|repair|inspection|mot)\b/,
      /\bmy car (needs|is due|requires)\b/,
      /\bservice (appointment|booking)\b/,
      /\b(service|servicing|repair|inspection) (of|for|on) my\b/,
      /\bworkshop\b/,
      /\b(tyre|tire|wheel) (change|swap|hotel)\b/,
    ],
    fuzzyWords: ["verkstedet", "dekkskift"],
    negatable: true,
  },
  {
    intent: "test_drive",
    patterns: [
      /\bprove\s?-?\s?(kj|k)?(o|oe|oy)r/,
      /\bprove\s?-?\s?(tur|sitt)/,
      /\bprove a (kj|k)?(o|oy)r/,
      /\btest\s?-?\s?(kjo|koy|driv|ride)/,
      /\bprove (bilen|den|denne|henne)\b/,
      /\b(se|kikke|titte|sjekke) (naermere )?pa (bilen|den|denne)\b/,
      /\bkomme (innom|forbi|og se|og prove)\b/,
      /\bta (en|ein) (tur|titt|kikk)\b/,
      /\bvisning\b/,
      /\b(test|take) (it|her|the car) (for a|out)\b/,
      /\b(have|take) a (look|spin)\b/,
      /\b(come|stop|drop) (by|in|over)\b/,
      /\b(view|viewing|see the car|see it in person)\b/,
      /\bbook (a|an) (test|time|appointment|viewing)\b/,
    ],
    fuzzyWords: ["provekjoring", "provekjore", "testkjoring", "testkjore", "testdrive"],
    negatable: false,
  },
  {
    intent: "trade_in",
    patterns: [
      /\binn?byt+e/,
      /\b(bytte|bytt|byte|bytter|byta)\s+(inn|in)\b/,
      /\b(bytte|byte) (min|mitt|mi|bilen min)\b/,
      /\btrade\s?-?\s?ins?\b/,
      /\btrading (in|my)\b/,
      /\btrade (my|our)\b/,
      /\bpart[\s-]?ex(change)?\b/,
      /\b(ta|tar) (imot|i mot) (min|mitt|mi|bilen min)\b/,
    ],
    fuzzyWords: ["innbytte", "innbyttebil"],
    negatable: true,
  },
  {
    intent: "financing",
    patterns: [
      /\bfinans/,
      /\bfinanc/,
      /\b(bil)?lan(e|et|ene|er|ebevis|etilbud)?\b/,
      /\b(bil)?laan/,
      /\bleas(e|ing)\b/,
      /\bavbetal/,
      /\bdelbetal/,
      /\bmaned(s|lig)/,
      /\b(per|pr\.?|i|hver) (maned(en)?|mnd)\b/,
      /\/\s?mnd\b/,
      /\brente/,
      /\begenkapital/,
      /\bkreditt/,
      /\bloans?\b/,
      /\bmonthly\b/,
      /\b(per|a|each) month\b/,
      /\bdown ?payment\b/,
      /\binterest rate/,
      /\bcredit\b/,
      /\binstal?lments?\b/,
    ],
    fuzzyWords: ["finansiering", "avbetaling", "manedspris"],
    negatable: true,
  },
  {
    intent: "price",
    patterns: [
      /\bpris/,
      /\bkost(er|ar|nad|e)?\b/,
      /\bhvor mye\b(?!\s+(har )?(den |bilen )?(gatt|kjort|km|mil)\b)/,
      /\bkor mykje\b/,
      /\b(billig|rimelig)/,
      /\b(rabatt|avslag|prute|tilbud)/,
      /\bbud\b/,
      /\bkontant/,
      /\bbudsjett/,
      /\bpric(e|es|ing|ed)\b/,
      /\bhow much\b(?!\s+(mileage|km|miles)\b)/,
      /\bcosts?\b/,
      /\bcheap/,
      /\bdiscount/,
      /\bdeal\b/,
      /\boffer\b/,
      /\bbudget/,
      /\bnegotia/,
      /\bcash\b/,
    ],
    fuzzyWords: [],
    negatable: false,
  },
  {
    intent: "availability",
    patterns: [
      /\bledig/,
      /\bpa lager\b/,
      /\btilgjengelig/,
      /\bsolgt\b/,
      /\btil salgs\b/,
      /\bfortsatt (der|inne|til|aktuell)\b/,
      /\bfremdeles\b/,
      /\bhar (dere|du) (fortsatt |fremdeles |enna )?(den|denne|bilen|noen)\b/,
      /\bfinnes (den|bilen|denne)\b/,
      /\bavailab/,
      /\bin stock\b/,
      /\bfor sale\b/,
      /\bsold\b/,
      /\bstill (there|have|got|around|on the market)\b/,
      /\bdo you (still )?have\b/,
      /\bis (it|the car|this car) still\b/,
    ],
    fuzzyWords: ["tilgjengelig"],
    negatable: false,
  },
];

// A negation up to two words before the keyword, unless it opens a question ("vet ikke om dere tar innbytte").
const NEGATION_BEFORE =
  /\b(ikke|ikkje|ingen|uten|utan|no|not|without|dont|don't|never)\b(\s+(?!(om|if|whether|hvis)\b)\S+){0,2}\s*$/;

/** Every intent the text expresses, most important first; ["general"] when none. */
export function detectIntents(text: string | null): LeadIntent[] {
  if (!text?.trim()) return ["general"];
  const folded = foldText(text);
  const tokens = tokenize(text);
  const found = RULES.filter((rule) => matchesRule(rule, folded, tokens)).map((rule) => rule.intent);
  return found.length > 0 ? found : ["general"];
}

/** The one intent the reply should lead with. */
export function detectIntent(text: string | null): LeadIntent {
  return detectIntents(text)[0] ?? "general";
}

function matchesRule(rule: IntentRule, folded: string, tokens: string[]): boolean {
  return findRulePosition(rule, folded, tokens) >= 0;
}

/**
 * Where in the text each intent is first expressed (an index into the folded text; a fuzzy-word match counts at
 * its approximate place), so a reply can answer them in the order the customer raised them.
 */
export function findIntentPositions(text: string | null): Map<Exclude<LeadIntent, "general">, number> {
  const positions = new Map<Exclude<LeadIntent, "general">, number>();
  if (!text?.trim()) return positions;
  const folded = foldText(text);
  const tokens = tokenize(text);
  for (const rule of RULES) {
    const at = findRulePosition(rule, folded, tokens);
    if (at >= 0) positions.set(rule.intent, at);
  }
  return positions;
}

function findRulePosition(rule: IntentRule, folded: string, tokens: string[]): number {
  let best = -1;
  for (const pattern of rule.patterns) {
    const global = new RegExp(pattern.source, "g");
    for (const match of folded.matchAll(global)) {
      if (
        !rule.negatable ||
        !NEGATION_BEFORE.test(folded.slice(Math.max(0, match.index - 40), match.index))
      ) {
        if (best < 0 || match.index < best) best = match.index;
        break;
      }
    }
  }
  if (best >= 0) return best;
  const i = tokens.findIndex(
    (token, i) =>
      rule.fuzzyWords.some((word) => isNearWord(token, word)) &&
      !(rule.negatable && NEGATION_BEFORE.test(tokens.slice(Math.max(0, i - 3), i).join(" ") + " ")),
  );
  return i < 0 ? -1 : Math.max(0, folded.indexOf(tokens[i]!));
}

const ENGLISH_WORDS = new Set(
  (
    "the is are and you your would like to can what how much please hello hi thanks thank this that still " +
    "available with do does have has it it's its interested car my we me want know could if of there any " +
    "about drive price when where which sold stock trade financing loan regards best dear wondering"
  ).split(" "),
);
const NORWEGIAN_WORDS = new Set(
  (
    "jeg eg er og det den til pa med har kan ikke ikkje hei takk bilen hva kva om vil meg dere du som av " +
    "gjerne hvor kor mye mykje fortsatt ledig ein eit fra fraa mvh hilsen ogsa nar kunne sa eller bil"
  ).split(" "),
);

/**
 * Whether the customer most likely wrote in English, from common function words. Norwegian letters (æøå) count
 * strongly for Norwegian, so "Hei, is it available?" is English but "Hei! Er bilen ledig? Thanks" is not.
 */
export function isLikelyEnglish(text: string | null): boolean {
  if (!text?.trim()) return false;
  const words = foldText(text).match(/[a-z']+/g) ?? [];
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  const norwegianLetters = /[æøå]/i.test(text) ? 2 : 0;
  const norwegian = words.filter((w) => NORWEGIAN_WORDS.has(w)).length + norwegianLetters;
  return english >= 2 && english > norwegian * 1.5;
}
