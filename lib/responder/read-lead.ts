import { findIntentPositions, isLikelyEnglish } from "./detect-intent.ts";
import {
  NO_CRITERIA,
  type FactIntent,
  type LeadFacts,
  type LeadLanguage,
  type RequestedTime,
  type SearchCriteria,
} from "./lead-facts.ts";
import { findCarMakes } from "./match-vehicles.ts";
import { foldText, isNearWord, tokenize } from "./normalize-text.ts";
import type { VehicleBodyType, VehicleFuel } from "../../db/schema/enums.ts";

/*
 * Read the lead: one function, used by both responders, the e-mail classifier, the rep SMS and the lead page. All
 * matching runs on folded text (ø→o, å→a, æ→ae, lower case; see normalize-text.ts), so the patterns are ASCII and
 * "prøvekjøre", "provekjore" and "prøvekøyre" (nynorsk) meet. Compounds count: "elbil", "el-SUV", "familiebil",
 * "hengerfeste", "sjuseter". Deterministic and cheap: it runs on every lead and every inbound e-mail.
 */

type Rule = { intent: FactIntent; patterns: RegExp[]; fuzzy?: string[] };

// The intents the older detector does not know; negation is handled per pattern.
const EXTRA_RULES: Rule[] = [
  {
    intent: "opt_out",
    patterns: [
      /\b(ikke|ikkje) (\S+ ){0,2}(kontakt|kontakte|kontakta|ringe|ring|ringje|sende|send|mail|e-?post|sms)\w* (meg|oss)\b/,
      /\b(vil|onsker|ynskjer|vil ha) (ikke|ikkje) (a )?(bli |verte )?(kontaktet|kontakta|ringt|oppringt)\b/,
      /\b(ikke|ikkje) (bli |verte )?(kontaktet|kontakta)\b/,
      /\b(slett|fjern|stryk) (meg|mine (opplysninger|data)|nummeret mitt|e-?posten min)\b/,
      /\b(meld|melde) (meg )?(av|ut)\b/,
      /\bavmeld/,
      /\bikke (lenger|lengre) (interessert|aktuelt)\b/,
      /\bikkje (lenger|lenger) (interessert|aktuelt)\b/,
      /\b(har|hev) (allerede|alt|allereie) (kjopt|kjopte|funnet|fatt) (en |ein )?(annen |anna |ny )?bil\b/,
      /\b(do not|don't|dont|never|stop|quit) (contact|contacting|call|calling|email|emailing|texting|text|message|messaging)(ing)? (me|us)\b/,
      /\bunsubscribe\b/,
      /\bremove (me|my (details|data|number|email))\b/,
      /\bno longer interested\b|\bnot interested (anymore|any more)\b/,
      /\balready (bought|found|purchased) (a|another|my) (car|vehicle)\b/,
    ],
  },
  {
    intent: "complaint",
    patterns: [
      /\bklage\w*/,
      /\breklam(asjon|ere)/,
      /\bmisfornoyd/,
      /\bskuffa?(et|a|ende)\b/,
      /\b(darlig|elendig|horribel|uakseptabel) (service|behandling|oppfolging|kundeservice)\b/,
      /\buakseptab/,
      /\bingen (har )?(svart|ringt|tatt kontakt|ringde)\b/,
      /\bingen har (gitt|gjeve) (beskjed|svar)\b/,
      /\b(complain|complaint|disappointed|unacceptable|terrible service|poor service)\b/,
      /\b(nobody|no one) (has )?(called|answered|replied|got back)\b/,
      /\b(feil|problem|problemer|mangler) (med|pa|ved) (bilen|bilen min|bilen jeg kjopte|bilen eg kjopte)\b/,
    ],
  },
  {
    intent: "callback",
    patterns: [
      /\b(ring|ringe|ringje|ringer|ringes|tlf|telefon)\b[^.?!]{0,20}\b(meg|oss|tilbake)\b/,
      /\b(bli|verte|blir) (ringt|oppringt)\b/,
      /\bringt (opp|tilbake)\b/,
      /\b(nas|treffes|treffast|ringes) (pa|paa) (\+?\d|tlf|telefon|mobil|nummer)/,
      /\b(call|phone|ring) (me|us)\b/,
      /\bcall ?back\b|\bgive me a (call|ring)\b/,
      /\b(reach|contact) me (on|at|by phone)\b/,
    ],
  },
  {
    intent: "reservation",
    patterns: [
      /\breserv(er|ere|asjon|ert)\w*/,
      /\b(holde|halde) (\S+ )?av\b/,
      /\b(hold|reserve|put aside|set aside)\b[^.?!]{0,20}\b(it|the car|this car|for me)\b/,
      /\bon hold\b|\breservation\b/,
    ],
  },
  {
    intent: "delivery",
    patterns: [
      /\bleveringstid/,
      /\bleve?r(ing|e|es|ast|t)\b/,
      /\bnar kan (jeg|eg|vi|me) (fa|hente|ha) (den|bilen|han|ho)\b/,
      /\bhvor fort kan\b|\bkor fort kan\b/,
      /\bdeliver(y|ed)?\b|\bhow soon can (i|we) (get|have|pick)\b|\bpick (it )?up\b/,
    ],
  },
];

// A visit today ("kan jeg komme i ettermiddag") is a viewing: the old test-drive rules cover most, these the rest.
const VISIT =
  /\b(komme|kome|kikke|stikke|titte) (innom|forbi|inn|og se|ned)\b|\b(come|stop|drop|pop) (by|in|over|round)\b|\bvisit\b/;

const NYNORSK_WORDS = new Set(
  (
    "eg ikkje kva korleis kor mykje ein eit frå fraa berre noko nokon nokre heile vere ynskjer treng " +
    "høyrer hoyrer dykk dykkar me kjem korleis sjå sja prøvekøyre provekoyre bilen? òg og? gjerne? hev meir heilt"
  )
    .split(" ")
    .filter((w) => !w.endsWith("?")),
);
const STRONG_NYNORSK = new Set("eg ikkje kva korleis mykje frå fraa berre noko nokon dykk meir".split(" "));

/** The typed facts of a lead: language, intents in the order asked, search criteria and the times asked for. */
export function readLead(input: { vehicleInterest?: string | null; message?: string | null }): LeadFacts {
  const message = input.message?.trim() ?? "";
  const interest = input.vehicleInterest?.trim() ?? "";
  const text = [interest, message].filter(Boolean).join("\n");
  const folded = foldText(text);
  const language = readLanguage(message || interest);
  const intents = readIntents(text, folded);
  const { testDrive, callback } = readTimes(message || interest, intents);
  return { language, intents, criteria: readCriteria(interest, message), testDrive, callback };
}

/**
 * Only the call the customer asked for, with its time (readLead's `callback` when its intents include one): the
 * inbox reads it for every row that shows "Ring kunden", so it skips the language and the stock criteria.
 */
export function readRequestedCallback(input: {
  vehicleInterest?: string | null;
  message?: string | null;
}): RequestedTime | null {
  const message = input.message?.trim() ?? "";
  const interest = input.vehicleInterest?.trim() ?? "";
  const text = [interest, message].filter(Boolean).join("\n");
  const intents = readIntents(text, foldText(text));
  if (!intents.includes("callback")) return null;
  return readTimes(message || interest, intents).callback;
}

function readLanguage(text: string): LeadLanguage {
  if (!text) return "nb";
  if (isLikelyEnglish(text)) return "en";
  const words = (text.toLowerCase().match(/[\p{L}]+/gu) ?? []).map((w) => w);
  const strong = words.filter((w) => STRONG_NYNORSK.has(w)).length;
  const any = words.filter((w) => NYNORSK_WORDS.has(w)).length;
  if (strong >= 1 || any >= 2) return "nn";
  // A short English question ("Any electric cars under 200,000 NOK?") has too few function words for the test above.
  const folded = foldText(text);
  const english =
    folded.match(/\b(any|do|you|have|is|are|the|what|looking|for|cars?|please|could|would|with|under)\b/g) ??
    [];
  const norwegian = folded.match(/\b(har|dere|er|det|jeg|eg|og|med|pa|noen|bil|biler|hei|kan|vil)\b/g) ?? [];
  return english.length >= 2 && norwegian.length === 0 && !/[æøå]/i.test(text) ? "en" : "nb";
}

function readIntents(text: string, folded: string): FactIntent[] {
  if (!folded.trim()) return ["browse"];
  const found = new Map<FactIntent, number>();
  for (const [intent, at] of findIntentPositions(text)) found.set(intent, at);
  for (const rule of EXTRA_RULES) {
    const at = firstMatch(rule.patterns, folded);
    if (at >= 0) found.set(rule.intent, at);
  }
  const visit = firstMatch([VISIT], folded);
  if (visit >= 0 && !found.has("test_drive")) found.set("test_drive", visit);
  // "Kan dere ringe meg om innbytte" is one callback; "ikke ring meg" is an opt-out, not a callback.
  if (found.has("opt_out")) {
    for (const intent of ["callback", "test_drive", "price", "availability"] as const) found.delete(intent);
  }
  // "har dere fleire elbilar?" names no car: it is browsing the stock, answered with the search.
  if (found.size === 0) return ["browse"];
  return [...found.entries()].sort((a, b) => a[1] - b[1]).map(([intent]) => intent);
}

function firstMatch(patterns: RegExp[], folded: string): number {
  let best = -1;
  for (const pattern of patterns) {
    const match = pattern.exec(folded);
    if (match && (best < 0 || match.index < best)) best = match.index;
  }
  return best;
}

// ---- criteria ------------------------------------------------------------------------------------------------

const BODY_WORDS: [RegExp, VehicleBodyType][] = [
  [/\b(el-?)?suv(er|ar|en|ane|ene)?\b|\bsuv-?\w*|\bcrossover\b/, "suv"],
  [
    /\bstasjonsvogn\w*|\bstv\b|\bkombi\b|\bestate\b|\bstation ?wagon\b|\btourer\b|\bsportswagon\b|\bavant\b/,
    "station_wagon",
  ],
  [/\bsedan\b|\bsaloon\b/, "sedan"],
  [/\bkombikupe\b|\bhatchback\b|\bkompaktbil\b|\bsmabil\w*/, "hatchback"],
  [/\bflerbruksbil\w*|\bminibuss\b|\bmpv\b|\bpeople ?carrier\b|\bminivan\b/, "mpv"],
  [/\bkupe\b|\bcoupe\b/, "coupe"],
  [/\bcabriolet\b|\bkabriolet\b|\bcabrio\b|\bconvertible\b/, "convertible"],
  [/\bpick-?up\b/, "pickup"],
  [/\bvarebil\w*|\bvan\b|\bvarebilar\b/, "van"],
];
const FUEL_WORDS: [RegExp, VehicleFuel][] = [
  [
    /\b(ladbar|ladbare|lade|plug-?in|phev)\s?-?hybrid\w*|\bphev\b|\bladehybrid\w*|\bplug-?in\b/,
    "plug_in_hybrid",
  ],
  [
    /\bel-?(bil|bilar|biler|bilen|suv|suver|familiebil|stasjonsvogn|varebil)\w*|\belektrisk\w*|\belectric\b|\bev\b|\bevs\b|\bbev\b|\b100 ?% el\b|\bfullelektrisk\w*/,
    "electric",
  ],
  [/(?<!(ladbar|lade|plug-?in|ladbare) ?-?)\bhybrid\w*/, "hybrid"],
  [/\bbensin\w*|\bpetrol\b|\bgasoline\b/, "petrol"],
  [/\bdiesel\w*/, "diesel"],
  [/\bhydrogen\w*/, "hydrogen"],
];
const AWD =
  /\b4x4\b|\b4wd\b|\bawd\b|\b(fire|4)-?hjuls?(trekk|drift|driven)\b|\bfirehjul\w*|\bfirehjulstrekk\b|\bquattro\b|\b4matic\b|\bxdrive\b|\ball-?hjul\w*|\ball[- ]wheel[- ]drive\b|\ball wheel\b|\bfour[- ]wheel[- ]drive\b|\bdual motor\b/;
const TOWBAR =
  /\b(til)?heng(er|ar)-?\s?feste\w*|\bhenger ?kopling\w*|\btrekk?krok\w*|\btow ?bar\b|\btow ?hitch\b|\btowing\b|\bkunne trekke (en |ei )?(henger|hengar|campingvogn)|\btrekke (henger|hengar|campingvogn|bat|hest)/;
const NUMBER_WORDS: Record<string, number> = {
  fem: 5,
  seks: 6,
  sju: 7,
  syv: 7,
  atte: 8,
  ni: 9,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
};

function readCriteria(interest: string, message: string): SearchCriteria {
  const text = [interest, message].filter(Boolean).join("\n");
  const folded = foldText(text);
  const tokens = tokenize(text);
  const criteria: SearchCriteria = { ...NO_CRITERIA, makes: [], bodyTypes: [], fuels: [] };
  criteria.makes = [...findCarMakes(withoutOwnCar(text))];
  criteria.namedCar = findNamedCar(interest) ?? findNamedCar(withoutOwnCar(message));

  for (const [pattern, body] of BODY_WORDS) if (pattern.test(folded)) criteria.bodyTypes.push(body);
  for (const [pattern, fuel] of FUEL_WORDS) if (pattern.test(folded)) criteria.fuels.push(fuel);
  if (
    tokens.some((t) => isNearWord(t, "elbil") || isNearWord(t, "elbiler")) &&
    !criteria.fuels.includes("electric")
  )
    criteria.fuels.push("electric");
  if (criteria.fuels.includes("plug_in_hybrid"))
    criteria.fuels = criteria.fuels.filter((f) => f !== "hybrid");

  criteria.family =
    /\bfamilie-?bil\w*|\bfamily (car|suv|vehicle)\b|\bfamiliebil|\bplass til (hele )?familien\b|\bbarnefamilie/.test(
      folded,
    );
  if (AWD.test(folded) && !/\b(ikke|ikkje|uten|utan|no|not) (\S+ )?(4x4|firehjul|awd)/.test(folded))
    criteria.drivetrain = "awd";
  else if (/\bbakhjulsdrift\b|\brwd\b|\brear[- ]wheel/.test(folded)) criteria.drivetrain = "rwd";
  else if (/\bforhjulsdrift\b|\bfwd\b|\bfront[- ]wheel/.test(folded)) criteria.drivetrain = "fwd";
  const tow = TOWBAR.exec(folded);
  criteria.towbar =
    tow !== null &&
    !/\b(uten|utan|without|ikke|ikkje|no)\s+(\S+\s+)?$/.test(
      folded.slice(Math.max(0, tow.index - 20), tow.index),
    );
  if (tow === null && tokens.some((t) => isNearWord(t, "hengerfeste"))) criteria.towbar = true;

  criteria.seatsMin = readSeats(folded);
  if (/\bautomat\w*|\bautomatic\b|\bauto ?gear\b/.test(folded)) criteria.transmission = "automatic";
  else if (/\bmanuell\w*|\bmanual\b|\bgirspak\b/.test(folded)) criteria.transmission = "manual";

  const range =
    /\b(rekkevidde|rekkevidd|range)\w*[^.?!\d]{0,25}?(\d{3})\s?(km|kilometer)?/.exec(folded) ??
    /\b(\d{3})\s?(km|kilometer)\b[^.?!]{0,15}\b(rekkevidde|range)/.exec(folded);
  if (range) criteria.rangeMinKm = Number(range[2] && /^\d{3}$/.test(range[2]) ? range[2] : range[1]);
  criteria.rangeImportant =
    criteria.rangeMinKm != null ||
    /\brekkevidd\w*|\brange\b|\bvinterrekkevidde\b|\bkome langt\b|\bkomme langt\b/.test(folded);

  const year =
    /\b(fra|fra og med|nyere enn|etter|minst|newer than|from|after|or newer|og nyere|eller nyere)\s+((19|20)\d\d)\b/.exec(
      folded,
    ) ??
    /\b((19|20)\d\d)\s*(-?modell)?\s*(eller|og|or)\s*(nyere|newer|seinare|senere|later)\b/.exec(folded) ??
    /\b((?:19|20)\d\d)\s*\+/.exec(folded);
  if (year) {
    const n = Number((year[0].match(/(19|20)\d\d/) ?? [])[0]);
    criteria.yearMin = /nyere enn|newer than|etter|after/.test(year[0]) ? n + 1 : n;
  }
  criteria.mileageMaxKm = readMileage(folded);
  const { max, min } = readBudget(folded);
  criteria.budgetMax = max;
  criteria.budgetMin = min;
  return criteria;
}

function readSeats(folded: string): number | null {
  const m =
    /\b(\d|fem|seks|sju|syv|atte|five|six|seven|eight)\s?-?\s?(seter|seters|seat|seats|seater|plasser|sitteplasser|sete)\b/.exec(
      folded,
    ) ??
    /\b(sju|syv|fem|seks|atte)seter\w*/.exec(folded) ??
    /\bplass til (\d|fem|seks|sju|syv|atte)\b/.exec(folded) ??
    /\broom for (\d|five|six|seven|eight)\b/.exec(folded);
  if (!m) return /\btredje seterad\b|\bthird row\b/.test(folded) ? 7 : null;
  const word = m[1]!;
  const n = NUMBER_WORDS[word] ?? Number(word);
  return n >= 2 && n <= 9 ? n : null;
}

function readMileage(folded: string): number | null {
  const m =
    /\b(under|maks|max|maksimalt|mindre enn|ikke over|ikkje over|less than|below|opptil|inntil|up to)\s+(\d{1,3}(?:[ .,]?\d{3})*|\d+)\s?(k|000)?\s?(km|kilometer|mil|miles)\b/.exec(
      folded,
    ) ??
    /\b(kjort|gatt|kilometerstand|km-stand|mileage)\s+(?:under|maks|max|mindre enn|below|less than)\s+(\d{1,3}(?:[ .,]?\d{3})*)\s?(k)?\s?(km|mil|miles)?/.exec(
      folded,
    );
  if (!m) return null;
  let n = Number(m[2]!.replace(/[ .,]/g, ""));
  if (m[3] === "k") n *= 1000;
  if (m[3] === "000") n *= 1000;
  const unit = m[4] ?? "km";
  if (unit === "mil") n *= 10;
  if (unit === "miles") n = Math.round(n * 1.609);
  return n > 0 ? n : null;
}

const AMOUNT = String.raw`(\d{1,3}(?:[ .,' ]\d{3})+|\d+(?:[.,]\d+)?)\s?(k(?![a-z])|000|tusen|mill\.?|millioner|million|m(?![a-z]))?\s?(,-|kr\.?|kroner|nok)?`;
const MAX_WORDS = String.raw`under|maks|max|maksimalt|opptil|inntil|ikke over|ikkje over|ikke mer enn|ikkje meir enn|budsjett(?:et)?(?: mitt| vart)?(?: er| pa| paa| på)?(?: ca\.?| rundt| omtrent)?|budget(?: is| of)?(?: about| around)?|up to|below|less than|no more than|within|rundt|ca\.?|omtrent|around|about`;
const MIN_WORDS = String.raw`over|minst|fra|from|at least|more than`;

/** Budget max/min in whole NOK ("under 250 000 kr", "maks 300k", "budsjett på 400'", "opptil 1,2 mill"). */
function readBudget(folded: string): { max: number | null; min: number | null } {
  const text = folded.replace(/\bkr\.?\s?(?=\d)/g, "");
  let max: number | null = null;
  let min: number | null = null;
  const between = new RegExp(String.raw`\b(mellom|between)\s+${AMOUNT}\s+(og|and|-)\s+${AMOUNT}`).exec(text);
  if (between) {
    const a = toNok(between[2]!, between[3], between[4]);
    const b = toNok(between[6]!, between[7], between[8]);
    if (a && b) return { min: Math.min(a, b), max: Math.max(a, b) };
  }
  for (const m of text.matchAll(new RegExp(String.raw`\b(${MAX_WORDS})\s+${AMOUNT}`, "g"))) {
    const n = toNok(m[2]!, m[3], m[4]);
    if (n && !isMileageAfter(text, m.index + m[0].length)) max = max ?? n;
  }
  for (const m of text.matchAll(new RegExp(String.raw`\b(${MIN_WORDS})\s+${AMOUNT}`, "g"))) {
    const n = toNok(m[2]!, m[3], m[4]);
    if (n && n >= 20_000 && !isMileageAfter(text, m.index + m[0].length)) min = min ?? n;
  }
  return { max, min: min != null && max != null && min >= max ? null : min };
}

function isMileageAfter(text: string, end: number): boolean {
  return /^\s?(km|kilometer|mil|miles|kwh|hk|seter|seats)\b/.test(text.slice(end));
}

/** An amount as whole NOK, or null when it cannot be a car budget (a year, a count, a mileage). */
function toNok(digits: string, scale: string | undefined, currency: string | undefined): number | null {
  const grouped = /[ .,' ]\d{3}$/.test(digits) && !/[.,]\d{1,2}$/.test(digits);
  let n = grouped ? Number(digits.replace(/[ .,' ]/g, "")) : Number(digits.replace(",", "."));
  if (!Number.isFinite(n)) return null;
  if (scale === "k" || scale === "tusen" || scale === "000") n *= 1000;
  else if (scale && /^m/.test(scale)) n *= 1_000_000;
  else if (!grouped && !currency && n < 10_000) return null;
  if (!scale && !currency && !grouped && n >= 1900 && n <= 2100) return null;
  n = Math.round(n);
  return n >= 10_000 && n <= 20_000_000 ? n : null;
}

// ---- the car the customer named --------------------------------------------------------------------------------

const OWN_CAR = /\b(min|mi|mitt|my|our|innbytte\w*|trade-?in)\s+(\S+\s*){1,3}/gi;

function withoutOwnCar(text: string): string {
  return text
    .split(/(?<=[.!?\n])\s+/)
    .map((s) =>
      /inn?byt+e|bytte inn|byte inn|trade|part[\s-]?ex|selge min|sell my/i.test(foldText(s))
        ? s.replace(OWN_CAR, "$1 ")
        : s,
    )
    .join(" ");
}

/** "Tesla Model Y", "Kia EV9": a known make and up to two following model words, as the customer wrote them. */
function findNamedCar(text: string | null | undefined): string | null {
  if (!text?.trim()) return null;
  const makes = findCarMakes(text);
  if (makes.size === 0) return null;
  const words = text
    .replace(/[?!,;()]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const one = findCarMakes(words[i]!);
    const two = i + 1 < words.length ? findCarMakes(`${words[i]} ${words[i + 1]}`) : new Set<string>();
    const next = i + 1 < words.length ? findCarMakes(words[i + 1]!) : new Set<string>();
    const width =
      one.size > 0 ? 1 : two.size > 0 && next.size === 0 && [...two].some((m) => makes.has(m)) ? 2 : 0;
    if (width === 0) continue;
    const model: string[] = [];
    for (let j = i + width; j < words.length && model.length < 2; j++) {
      const w = words[j]!.replace(/\.$/, "");
      if (!/^[\p{L}\d.-]+$/u.test(w) || STOP_AFTER_MAKE.test(foldText(w))) break;
      if (model.length === 1 && !/\d|^[A-Z]/.test(w) && !/^(model|serie|klasse)$/i.test(model[0]!)) break;
      model.push(w);
    }
    return [...words.slice(i, i + width), ...model].join(" ").replace(/[.,]+$/, "");
  }
  return null;
}

const STOP_AFTER_MAKE =
  /^(er|og|eller|som|med|til|pa|i|for|fra|har|kan|hvis|om|bil|bilen|bilar|biler|elbil|and|or|with|is|the|a|for|that|which|har|dere|du|eg|jeg|den|det|nar|helst|gjerne|ledig|tilgjengelig|available|still)$/;

// ---- times -----------------------------------------------------------------------------------------------------

const DAYS: [RegExp, RequestedTime["day"]][] = [
  [/\b(mandag|mandagen|maandag|monday|man\.)\b/, "mon"],
  [/\b(tirsdag|tysdag|tuesday|tirs\.)\b/, "tue"],
  [/\b(onsdag|wednesday)\b/, "wed"],
  [/\b(torsdag|thursday)\b/, "thu"],
  [/\b(fredag|friday)\b/, "fri"],
  [/\b(lordag|laurdag|lordagen|laurdagen|saturday|lor\.)\b/, "sat"],
  [/\b(sondag|sundag|sondagen|sunday)\b/, "sun"],
  [/\b(i morgen|imorgen|i morgon|imorgon|tomorrow)\b/, "tomorrow"],
  [
    /\b(i dag|idag|today|i kveld|ikveld|i kveldt|tonight|this evening|i ettermiddag|this afternoon|i formiddag|this morning)\b/,
    "today",
  ],
  [/\b(til helga|i helga|til helgen|i helgen|denne helga|this weekend|at the weekend|helga)\b/, "weekend"],
];

const CALLBACK_SENTENCE =
  /\b(ring|ringe|ringje|ringt|ringes|oppringt|tlf|telefon|call|phone|nas|treffes|treffast)\b/;

/** The day/time asked for a test drive or visit, and the window asked for a call, each from its own sentence. */
function readTimes(
  text: string,
  intents: FactIntent[],
): { testDrive: RequestedTime | null; callback: RequestedTime | null } {
  let testDrive: RequestedTime | null = null;
  let callback: RequestedTime | null = null;
  if (!text) return { testDrive, callback };
  // "kl. 18" does not end a sentence.
  for (const sentence of text.split(/(?<=[!?\n]|(?<!\bkl)\.)\s+/i)) {
    const folded = foldText(sentence);
    const time = readTime(folded);
    if (!time) continue;
    const aboutCall = CALLBACK_SENTENCE.test(folded) && intents.includes("callback");
    if (aboutCall && !callback) callback = time;
    else if (intents.includes("test_drive") && !testDrive) testDrive = time;
    else if (intents.includes("callback") && !callback) callback = time;
  }
  return { testDrive, callback };
}

function readTime(folded: string): RequestedTime | null {
  const day = DAYS.find(([pattern]) => pattern.test(folded))?.[1] ?? null;
  const partOfDay = /\b(i kveld|ikveld|kveld|kvelden|kveldstid|tonight|evening)\b/.test(folded)
    ? "evening"
    : /\b(ettermiddag|ettermiddagen|afternoon|etter jobb|etter arbeid|etter skolen|after work)\b/.test(folded)
      ? "afternoon"
      : /\b(formiddag|formiddagen|morgen(en)?|morning|tidlig)\b/.test(folded) &&
          !/\bi morgen\b|\bimorgen\b/.test(folded)
        ? "morning"
        : null;
  const CLOCK = String.raw`(?:kl\.?|klokka|klokken|klokka|at)?\s*(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm)?`;
  const between = new RegExp(
    String.raw`\b(mellom|between|fra|from)\s+${CLOCK}\s*(og|and|til|to|-|–)\s*${CLOCK}`,
  ).exec(folded);
  const after = new RegExp(
    String.raw`\b(etter|after|fra|from|seinare enn|senere enn|later than)\s+${CLOCK}\b`,
  ).exec(folded);
  const before = new RegExp(String.raw`\b(for|before|innen|innan|earlier than)\s+${CLOCK}\b`).exec(folded);
  const at =
    new RegExp(
      String.raw`\b(kl\.?|klokka|klokken|at|rundt|ved|ca\.?)\s*(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm)?\b`,
    ).exec(folded) ?? /\b(\d{1,2})[.:](\d{2})\b/.exec(folded);
  const result: RequestedTime = { day, partOfDay, at: null, after: null, before: null };
  if (between) {
    result.after = toMinutes(between[2], between[3], between[4]);
    result.before = toMinutes(between[6], between[7], between[8]);
  } else {
    if (after) result.after = toMinutes(after[2], after[3], after[4]);
    if (before) result.before = toMinutes(before[2], before[3], before[4]);
    if (!after && !before && at) {
      result.at = at.length > 3 ? toMinutes(at[2], at[3], at[4]) : toMinutes(at[1], at[2], undefined);
    }
  }
  // "etter 18" in the evening sense; "etter jobb" is the afternoon.
  if (!result.partOfDay && (result.after ?? result.at ?? -1) >= 17 * 60) result.partOfDay = "evening";
  if (
    result.day == null &&
    result.partOfDay == null &&
    result.at == null &&
    result.after == null &&
    result.before == null
  )
    return null;
  return result;
}

function toMinutes(h: string | undefined, m: string | undefined, ampm: string | undefined): number | null {
  if (h == null) return null;
  let hours = Number(h);
  if (ampm === "pm" && hours < 12) hours += 12;
  if (ampm === "am" && hours === 12) hours = 0;
  // "etter 6" in a call request means the evening; "kl 3" the afternoon: business talk is 07–21.
  if (!ampm && hours >= 1 && hours <= 6) hours += 12;
  const minutes = m ? Number(m) : 0;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}
