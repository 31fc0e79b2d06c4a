import type { DraftReply, LeadIntent, ReplyContext, ReplyVehicle } from "./reply-types.ts";
import { toFormalAddress } from "./address-form.ts";
import { detectIntents, isLikelyEnglish } from "./detect-intent.ts";
import { findMoneyAmounts } from "./find-money-amounts.ts";
import { formatNok, formatThousands } from "./format-nok.ts";
import { PHRASE_PATTERNS, STOCK_CLAIM_PATTERNS } from "./guardrail-phrases.ts";
import { findCarMakes, scoreVehicleMatch } from "./match-vehicles.ts";
import { foldText } from "./normalize-text.ts";
import { formatPhoneForDisplay } from "../leads/normalise-contact.ts";

/*
 * The built-in Norwegian first reply: the default without an AI key and the fallback whenever the AI fails or
 * breaks a guardrail. Deterministic, yet written the way a good salesperson answers: it greets by first name,
 * names the car, says what the inventory says about it (available with its listed price, reserved, or sold with
 * up to two available alternatives), answers what the customer asked for and says when a salesperson calls.
 * It never states a price other than the listed price of an available car it cites, and never a discount, a
 * trade-in value, financing terms, a reservation or a delivery date. The AI disclosure is added by the workflow.
 */

/** What the reply can say about the cars, decided once from the context. */
type Offer =
  | { kind: "car"; car: ReplyVehicle; alternatives: ReplyVehicle[] }
  | { kind: "alternatives"; alternatives: ReplyVehicle[] }
  | { kind: "nothing" };

const MAX_ALTERNATIVES = 2;
const MAX_MAIN_SENTENCES = 4;
const ENGLISH_OFFER = "We are happy to continue in English if you prefer – just reply to this message.";

/** The built-in reply to a lead: greeting, 2–4 sentences, optional English offer, signature. No disclosure. */
export function composeBuiltInReply(ctx: ReplyContext): DraftReply {
  const leadText = [ctx.lead.vehicleInterest, ctx.lead.message].filter(Boolean).join("\n");
  const intents = detectIntents(leadText || null);
  // A service request is about the car the customer has: no car from the stock is offered.
  const offer: Offer = intents[0] === "service" ? { kind: "nothing" } : decideOffer(ctx, leadText);
  const firstName = extractFirstName(ctx.lead.customerName);
  const main =
    intents[0] === "service" ? composeServiceParagraph(ctx) : composeMainParagraph(ctx, offer, intents);
  const paragraphs = [
    firstName ? `Hei ${firstName}!` : "Hei!",
    // Composed with "du"; the dealership's formal choice swaps the pronouns (never in its own signature).
    ctx.dealership.addressForm === "de" ? toFormalAddress(main) : main,
    isLikelyEnglish(ctx.lead.message) ? ENGLISH_OFFER : null,
    buildSignature(ctx.dealership),
  ];
  const cited =
    offer.kind === "nothing" ? [] : [...(offer.kind === "car" ? [offer.car] : []), ...offer.alternatives];
  return {
    subject:
      offer.kind === "car"
        ? `Ang. ${nameVehicle(offer.car)} – ${ctx.dealership.name}`
        : intents[0] === "service"
          ? `Service og verksted – ${ctx.dealership.name}`
          : `Takk for henvendelsen – ${ctx.dealership.name}`,
    body: paragraphs.filter(Boolean).join("\n\n"),
    citedVehicleIds: cited.map((v) => v.id),
    intent: intents[0] ?? "general",
  };
}

/** "Vennlig hilsen / name / Tlf. phone", or the dealership's own signature — the same one the AI replies get. */
export function buildSignature(dealership: ReplyContext["dealership"]): string {
  if (dealership.signature?.trim()) return dealership.signature.trim();
  return ["Vennlig hilsen", dealership.name, dealership.phone ? `Tlf. ${dealership.phone}` : null]
    .filter(Boolean)
    .join("\n");
}

/**
 * The answer to a service request (EU-kontroll, verksted, dekkskift): the service department's own phone and
 * e-mail from Settings → Forhandler, or, without them, a promise that the request is passed on.
 */
function composeServiceParagraph(ctx: ReplyContext): string {
  const { servicePhone, serviceEmail } = ctx.dealership;
  const phone = servicePhone?.trim() ? formatPhoneForDisplay(servicePhone) : null;
  const email = serviceEmail?.trim() || null;
  const opener =
    "Takk for henvendelsen! Service, EU-kontroll og verkstedtimer tar serviceavdelingen vår seg av.";
  const how =
    phone && email
      ? `Ring dem på ${phone} eller send en e-post til ${email}, så finner de en time som passer for deg.`
      : phone
        ? `Ring dem på ${phone}, så finner de en time som passer for deg.`
        : email
          ? `Send dem en e-post til ${email}, så finner de en time som passer for deg.`
          : null;
  if (how) return `${opener} ${how}`;
  const when = ctx.whenWeCall?.trim() || "så snart som mulig";
  return `${opener} Vi sender henvendelsen din videre, og de tar kontakt ${when} for å finne en time som passer for deg.`;
}

/**
 * The first name to greet with, or null when the field holds no plausible name: an e-mail address, digits, a
 * placeholder ("Kunde", "test"), or a word a guardrail would flag. "KARI NORDMANN" becomes "Kari";
 * "Nordmann, Kari" gives "Kari"; titles are skipped.
 */
export function extractFirstName(customerName: string | null): string | null {
  const name = customerName?.trim();
  if (!name || name.includes("@")) return null;
  const ordered = name.includes(",") ? name.split(",").slice(1).join(" ") : name;
  const words = ordered.split(/\s+/).filter((w) => w && !TITLES.test(w));
  const first = words[0];
  if (!first || !/^\p{L}[\p{L}'’-]{1,29}$/u.test(first) || PLACEHOLDER_NAMES.test(first)) return null;
  // "KARI", "kari" and "ole-martin" read as careless in a greeting; "McLean" and "Anne-Marie" stay as typed.
  const cased = first
    .split("-")
    .map((part) =>
      part === part.toUpperCase() || part === part.toLowerCase()
        ? part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()
        : part,
    )
    .join("-");
  return isSafeToRepeat(cased) ? cased : null;
}

const TITLES = /^(herr|fru|frk|dr|mr|mrs|ms|miss|sir)\.?$/i;
const PLACEHOLDER_NAMES =
  /^(kunde|customer|test|testing|ukjent|unknown|anonym|anonymous|bruker|user|privat|private|ingen|none|null|undefined|na|admin|info|post|kontakt|hei|hi|hello|facebook|lead|navn|name)$/i;

function decideOffer(ctx: ReplyContext, leadText: string): Offer {
  const [first] = ctx.vehicles;
  if (!first) return { kind: "nothing" };
  const match = scoreVehicleMatch(leadText, first);
  // A car the text names by model is the car; one the workflow found some other way (a listing link) is too.
  if (match.model || !match.make) {
    const alternatives = first.status === "sold" ? pickAlternatives(ctx.vehicles.slice(1), leadText) : [];
    return { kind: "car", car: first, alternatives };
  }
  const alternatives = pickAlternatives(ctx.vehicles, leadText);
  return alternatives.length ? { kind: "alternatives", alternatives } : { kind: "nothing" };
}

/** Up to two available cars, the same model as asked for before others of the same make. */
function pickAlternatives(vehicles: ReplyVehicle[], leadText: string): ReplyVehicle[] {
  const available = vehicles.filter((v) => v.status === "available");
  const sameModel = available.filter((v) => scoreVehicleMatch(leadText, v).model);
  return (sameModel.length ? sameModel : available).slice(0, MAX_ALTERNATIVES);
}

function composeMainParagraph(ctx: ReplyContext, offer: Offer, intents: LeadIntent[]): string {
  const [intent = "general"] = intents;
  const sentences = [composeOpener(ctx, offer, intent), composeStatus(offer, intent)];
  const tradeInTip =
    "Send oss gjerne registreringsnummeret og kilometerstanden på bilen du vil bytte inn, så er selgeren godt forberedt.";
  const call = composeCallSentence(ctx, offer, intents);
  const main = sentences.filter((s): s is string => Boolean(s));
  if (intents.includes("trade_in") && main.length + 2 <= MAX_MAIN_SENTENCES) main.push(tradeInTip);
  return [...main, call].join(" ");
}

function composeOpener(ctx: ReplyContext, offer: Offer, intent: LeadIntent): string {
  if (offer.kind !== "car") {
    const asked = describeInterest(ctx.lead.vehicleInterest);
    return asked ? `Takk for at du tok kontakt om ${asked}.` : "Takk for henvendelsen!";
  }
  const label = describeVehicle(offer.car);
  if (offer.car.status === "sold") return `Takk for interessen for ${label}.`;
  switch (intent) {
    case "test_drive":
      return `Så hyggelig at du vil prøvekjøre ${label}!`;
    case "price":
      return `Takk for at du spør om prisen på ${label}.`;
    case "availability":
      return `Takk for at du spør om ${label}.`;
    case "trade_in":
    case "financing":
      return `Takk for interessen for ${label}.`;
    default:
      return `Takk for at du tok kontakt om ${label}.`;
  }
}

function composeStatus(offer: Offer, intent: LeadIntent): string | null {
  if (offer.kind === "nothing") return null;
  if (offer.kind === "alternatives") {
    return `Akkurat nå har vi blant annet ${listAlternatives(offer.alternatives)}, som kan være ${offer.alternatives.length > 1 ? "aktuelle" : "aktuell"}.`;
  }
  const { car, alternatives } = offer;
  if (car.status === "reserved") {
    return "Den er dessverre reservert akkurat nå, men selgeren kan fortelle deg om den blir ledig igjen.";
  }
  if (car.status === "sold") {
    return alternatives.length
      ? `Den er dessverre solgt, men vi har ${listAlternatives(alternatives)}, som kan være ${alternatives.length > 1 ? "aktuelle" : "aktuell"}.`
      : "Den er dessverre solgt, men vi hjelper deg gjerne med å finne en lignende bil.";
  }
  const price = car.priceNok != null ? `koster ${formatNok(car.priceNok)}` : null;
  // A new car's "har gått 10 km" says nothing a customer wants to read.
  const mileage =
    car.mileageKm != null && car.mileageKm >= 100 ? `har gått ${formatThousands(car.mileageKm)} km` : null;
  if (intent === "price") {
    return price ? `Den ${price} og er ledig nå.` : "Den er ledig nå.";
  }
  const facts = [intent === "availability" ? "er fortsatt ledig" : "er ledig", mileage, price];
  const sentence = `Den ${joinList(facts.filter((f): f is string => Boolean(f)))}.`;
  return intent === "availability"
    ? `Godt nytt: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`
    : sentence;
}

function composeCallSentence(ctx: ReplyContext, offer: Offer, intents: LeadIntent[]): string {
  const who = cleanPersonName(ctx.repName) ?? "En av selgerne våre";
  const when = ctx.whenWeCall?.trim() || "så snart som mulig";
  const purposes = [...new Set(intents.slice(0, 2).map((intent) => describePurpose(intent, offer)))];
  // Closed all day for a holiday or a special day: say so, and why, before saying when we call.
  if (ctx.closedToday && !ctx.openNow) {
    const name = ctx.closedToday.name && isSafeToRepeat(ctx.closedToday.name) ? ctx.closedToday.name : null;
    const closed = `Vi har stengt i dag${name ? ` (${name})` : ""}`;
    const caller = who === "En av selgerne våre" ? "en av selgerne våre" : who;
    return `${closed}, og ${caller} ringer deg ${when} for å ${joinList(purposes)}.`;
  }
  return `${who} ringer deg ${when} for å ${joinList(purposes)}.`;
}

function describePurpose(intent: LeadIntent, offer: Offer): string {
  if (intent === "trade_in") return "se på innbyttebilen din";
  if (intent === "financing") return "gå gjennom finansieringsmulighetene";
  if (offer.kind === "car" && offer.car.status === "available") {
    if (intent === "test_drive") return "avtale en prøvekjøring som passer for deg";
    if (intent === "price") {
      return offer.car.priceNok != null
        ? "fortelle mer om bilen og hva som er inkludert"
        : "gi deg en pris og fortelle mer om bilen";
    }
    if (intent === "availability") return "fortelle mer om bilen";
    return "svare på spørsmålene dine";
  }
  const options =
    offer.kind === "alternatives" ? offer.alternatives : offer.kind === "car" ? offer.alternatives : [];
  if (options.length > 0) {
    if (intent === "test_drive") return "avtale en prøvekjøring hvis noe av dette frister";
    return options.length > 1 ? "fortelle deg mer om dem" : "fortelle deg mer om den";
  }
  if (offer.kind === "car") return "svare på spørsmålene dine";
  if (intent === "test_drive") return "høre hva du ser etter og finne en bil du kan prøvekjøre";
  return "sjekke hva vi kan tilby deg og høre mer om hva du ser etter";
}

function listAlternatives(vehicles: ReplyVehicle[]): string {
  return joinList(
    vehicles.map(
      (v) => `en ${describeVehicle(v)}${v.priceNok != null ? ` til ${formatNok(v.priceNok)}` : ""}`,
    ),
  );
}

/** "Volkswagen ID.4 GTX fra 2022": make, model, a short variant and the year. */
function describeVehicle(v: ReplyVehicle): string {
  const variant = v.variant && v.variant.trim().length <= 20 ? v.variant.trim() : null;
  const name = [nameVehicle(v), variant].filter(Boolean).join(" ");
  return v.year ? `${name} fra ${v.year}` : name;
}

/** Make and model, without the make twice when the model field repeats it ("Tesla" + "Tesla Model Y"). */
function nameVehicle(v: ReplyVehicle): string {
  const make = v.make.trim();
  const model = v.model.trim();
  return foldText(model).startsWith(foldText(make)) ? model : `${make} ${model}`.trim();
}

/**
 * The customer's own words for the car, repeated only when they look like a car ("Audi A6 2018") and carry
 * nothing a guardrail would flag: no amount, link, promise or stock claim.
 */
function describeInterest(interest: string | null): string | null {
  const text = interest?.replace(/\s+/g, " ").trim();
  if (!text || text.length > 40 || text.split(" ").length > 6) return null;
  if (!/^[\p{L}\d .,'’()+/-]+$/u.test(text) || findCarMakes(text).size === 0) return null;
  return findMoneyAmounts(text).length === 0 && isSafeToRepeat(text) ? text.replace(/[.,]+$/, "") : null;
}

/** Whether text the customer wrote can go into the reply without tripping a phrase rule or a stock claim. */
function isSafeToRepeat(text: string): boolean {
  const folded = foldText(text);
  const patterns = [...Object.values(PHRASE_PATTERNS).flat(), ...STOCK_CLAIM_PATTERNS];
  return !/https?:|www\.|@/.test(folded) && !patterns.some((pattern) => pattern.test(folded));
}

function cleanPersonName(name: string | null): string | null {
  const text = name?.replace(/\s+/g, " ").trim();
  return text && /^\p{L}[\p{L} .'’-]{1,59}$/u.test(text) && isSafeToRepeat(text) ? text : null;
}

/** "a", "a og b", "a, b og c". */
function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} og ${items.at(-1)}`;
}
