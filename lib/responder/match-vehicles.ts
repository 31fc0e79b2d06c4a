import type { ReplyVehicle } from "./reply-types.ts";
import { joinedNgrams, tokenize } from "./normalize-text.ts";

/** How well one car fits what the customer wrote: `score` ranks, `make`/`model` say what matched. */
export type VehicleMatch = { score: number; make: boolean; model: boolean };

// Keys and values are folded and glued ("mercedes-benz" → "mercedesbenz"), like the inventory makes they meet.
const MAKE_ALIASES: Record<string, string> = {
  vw: "volkswagen",
  folkevogn: "volkswagen",
  merc: "mercedesbenz",
  mercedes: "mercedesbenz",
  benz: "mercedesbenz",
  mercedesbenz: "mercedesbenz",
  chevy: "chevrolet",
  alfa: "alfaromeo",
  landrover: "landrover",
  rangerover: "landrover",
  citroen: "citroen",
  hyundaimotor: "hyundai",
};
// Makes sold in Norway, folded and glued, so a reply that names a make we do not stock can be caught.
const KNOWN_MAKES = new Set(
  (
    "alfaromeo aiways alpine astonmartin audi bentley bmw byd cadillac chevrolet chrysler citroen cupra dacia " +
    "dodge ds ferrari fiat fisker ford genesis honda hyundai isuzu iveco jaguar jeep kia lamborghini lancia " +
    "landrover lexus lotus lucid lynkco maserati maxus mazda mercedesbenz mg mini mitsubishi nio nissan opel " +
    "ora peugeot polestar porsche ram renault rivian rollsroyce saab seat skoda smart ssangyong subaru suzuki " +
    "tesla toyota volkswagen volvo xpeng zeekr"
  ).split(" "),
);
// Makes that are also everyday words ("the seat is comfortable"): only a capitalised mention counts.
const WORD_LIKE_MAKES = new Set(["seat", "smart", "mini", "ds", "ram", "ora", "nio", "genesis"]);
// Model names that open many models ("Model 3", "Model Y", "Range Rover Sport"): never enough on their own.
const GENERIC_MODEL_WORDS = new Set("model serie series class klasse range grand new ny".split(" "));
const FUEL_WORDS: Record<string, RegExp> = {
  electric: /\b(elbil|elbiler|elektrisk|electric|ev|el)\b/,
  diesel: /\bdiesel\b/,
  petrol: /\b(bensin|petrol|gasoline)\b/,
  hybrid: /\b(hybrid|ladbar|plug-?in|phev)\b/,
};
const STATUS_ORDER: Record<ReplyVehicle["status"], number> = { available: 0, reserved: 1, sold: 2 };

type Query = {
  original: string;
  tokens: Set<string>;
  grams: Set<string>;
  makes: Set<string>;
  years: Set<number>;
};

/**
 * The inventory cars the customer most likely means, best first; [] when nothing matches. The structured
 * vehicle-interest field decides when it names a car we have; otherwise the message does, minus the customer's
 * own car in trade-in sentences ("bytte inn min Golf"). At equal score an available car ranks above a reserved or
 * sold one, so a sold duplicate never hides the one that is for sale.
 */
export function matchVehicles(
  vehicleInterest: string | null,
  message: string | null,
  inventory: ReplyVehicle[],
): ReplyVehicle[] {
  if (vehicleInterest?.trim()) {
    const byInterest = rankVehicles(vehicleInterest, inventory, message);
    if (byInterest.length > 0) return byInterest;
  }
  return message?.trim() ? rankVehicles(removeOwnCar(message), inventory, null) : [];
}

/** How one car matches the lead's text, so a reply can tell "the car you asked about" from "one of that make". */
export function scoreVehicleMatch(text: string | null, vehicle: ReplyVehicle): VehicleMatch {
  return text?.trim() ? scoreVehicle(parseQuery(text), vehicle) : { score: 0, make: false, model: false };
}

/** The known car makes a text names, canonical and glued ("VW" → "volkswagen", "Mercedes" → "mercedesbenz"). */
export function findCarMakes(text: string): Set<string> {
  const query = parseQuery(text);
  return new Set(
    [...query.makes].filter(
      (make) => KNOWN_MAKES.has(make) && (!WORD_LIKE_MAKES.has(make) || isCapitalisedMention(text, make)),
    ),
  );
}

/** One inventory make in the same canonical form as findCarMakes returns. */
export function canonicalMake(make: string): string {
  const glued = tokenize(make).join("");
  return MAKE_ALIASES[glued] ?? glued;
}

function rankVehicles(text: string, inventory: ReplyVehicle[], tieBreakText: string | null): ReplyVehicle[] {
  const query = parseQuery(text);
  const extra = tieBreakText?.trim() ? parseQuery(removeOwnCar(tieBreakText)) : null;
  return inventory
    .map((vehicle, index) => {
      const match = scoreVehicle(query, vehicle);
      // The message only breaks ties (year, variant) between cars the interest field already picked.
      const bonus = extra ? (scoreVehicle(extra, vehicle).score || scoreDetails(extra, vehicle)) / 10 : 0;
      return { vehicle, index, match, score: match.score + bonus };
    })
    .filter(({ match }) => match.make || match.model)
    .sort(
      (a, b) =>
        b.score - a.score ||
        STATUS_ORDER[a.vehicle.status] - STATUS_ORDER[b.vehicle.status] ||
        a.index - b.index,
    )
    .map(({ vehicle }) => vehicle);
}

function parseQuery(text: string): Query {
  const tokenList = tokenize(text);
  const grams = joinedNgrams(tokenList);
  const makes = new Set([...grams].map((gram) => MAKE_ALIASES[gram] ?? gram));
  const years = new Set(tokenList.filter((t) => /^(19|20)\d\d$/.test(t)).map((t) => Number(t)));
  return { original: text, tokens: new Set(tokenList), grams, makes, years };
}

function scoreVehicle(query: Query, vehicle: ReplyVehicle): VehicleMatch {
  const make = matchesMake(query, vehicle.make);
  const model = matchesModel(query, vehicle.model, make);
  if (!make && model === "none") return { score: 0, make: false, model: false };
  const score =
    (make ? 4 : 0) + (model === "full" ? 6 : model === "partial" ? 3 : 0) + scoreDetails(query, vehicle);
  return { score, make, model: model !== "none" };
}

/** Year, variant and fuel: they rank cars that already match, they never make a match. */
function scoreDetails(query: Query, vehicle: ReplyVehicle): number {
  let score = 0;
  if (vehicle.year != null && query.years.size > 0) score += query.years.has(vehicle.year) ? 2 : -0.5;
  score += Math.min(3, variantTokens(vehicle.variant).filter((t) => query.tokens.has(t)).length);
  return matchesFuel(query, vehicle.fuelType) ? score + 0.5 : score;
}

function matchesMake(query: Query, make: string): boolean {
  const canonical = canonicalMake(make);
  if (!canonical || !query.makes.has(canonical)) return false;
  return !WORD_LIKE_MAKES.has(canonical) || isCapitalisedMention(query.original, canonical);
}

function isCapitalisedMention(text: string, word: string): boolean {
  const pattern = new RegExp(`(?<![\\p{L}\\d])${word}(?![\\p{L}\\d])`, "giu");
  return [...text.matchAll(pattern)].some((match) => /\p{Lu}/u.test(match[0][0] ?? ""));
}

function matchesModel(query: Query, model: string, makeMatched: boolean): "full" | "partial" | "none" {
  const tokens = tokenize(model);
  const glued = tokens.join("");
  if (!glued) return "none";
  // "3008", "i3" or "Q4" alone are too easily a number or a typo in running text: they need the make beside them.
  const weak = /^\d+$/.test(glued) || glued.length <= 2;
  if (query.grams.has(glued)) return weak && !makeMatched ? "none" : "full";
  const head = GENERIC_MODEL_WORDS.has(tokens[0]!) ? tokens.slice(0, 2).join("") : tokens[0]!;
  const headIsDistinct = head !== glued && head.length >= 3 && !/^\d+$/.test(head);
  return headIsDistinct && query.grams.has(head) ? "partial" : "none";
}

function variantTokens(variant: string | null): string[] {
  return variant ? tokenize(variant).filter((t) => t.length >= 2) : [];
}

function matchesFuel(query: Query, fuelType: string | null): boolean {
  if (!fuelType) return false;
  const fuel = tokenize(fuelType).join(" ");
  const kind = /^(el|elektr|electric|bev)/.test(fuel)
    ? "electric"
    : /hybrid/.test(fuel)
      ? "hybrid"
      : /diesel/.test(fuel)
        ? "diesel"
        : /bensin|petrol|gasoline/.test(fuel)
          ? "petrol"
          : null;
  return kind !== null && FUEL_WORDS[kind]!.test([...query.tokens].join(" "));
}

const OWN_CAR_OPENERS = /^(min|mitt|mi|my|our|var|vaar|innbytte|innbyttebil|innbyttebilen|trade-?in)$/;
const OWN_CAR_STOPS = /^(mot|for|i|til|og|men|against|and|but|to|with|med|som|that|into|towards)$/;
const TRADE_IN_SENTENCE = /inn?byt+e|bytte inn|bytt inn|trade|part[\s-]?ex|selge min|sell my/;

/**
 * The customer's own car is not the car they want: in sentences about trade-in, up to three words after "min",
 * "my" or "innbytte:" are dropped ("bytte inn min Golf 2015 mot ID.4" keeps only "ID.4").
 */
function removeOwnCar(message: string): string {
  return message
    .split(/(?<=[.!?\n])\s+/)
    .map((sentence) =>
      TRADE_IN_SENTENCE.test(tokenize(sentence).join(" ")) ? dropOwnCarWords(sentence) : sentence,
    )
    .join(" ");
}

function dropOwnCarWords(sentence: string): string {
  const words = sentence.split(/\s+/);
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    kept.push(words[i]!);
    if (!OWN_CAR_OPENERS.test(tokenize(words[i]!).join("-"))) continue;
    let skipped = 0;
    while (skipped < 3 && i + 1 < words.length && !OWN_CAR_STOPS.test(tokenize(words[i + 1]!).join(""))) {
      i++;
      skipped++;
      if (/[,.;:!?]$/.test(words[i]!)) break;
    }
  }
  return kept.join(" ");
}
