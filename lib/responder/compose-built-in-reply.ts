import type { Weekday } from "../../db/schema/dealerships.ts";
import { getDayHours, hoursConfigOf, parseIntervals } from "../business-hours/opening-hours.ts";
import { resolveTimeZone, toZonedParts } from "../dates/time-zone.ts";
import { formatPhoneForDisplay } from "../leads/normalise-contact.ts";
import {
  BODY_TYPE_LABELS_NB,
  DRIVETRAIN_LABELS_NB,
  FUEL_LABELS_NB,
  TRANSMISSION_LABELS_NB,
  labelOf,
} from "../vehicles/vehicle-labels.ts";
import { toFormalAddress } from "./address-form.ts";
import { formatNok, formatThousands } from "./format-nok.ts";
import { PHRASE_PATTERNS, STOCK_CLAIM_PATTERNS } from "./guardrail-phrases.ts";
import { hasSearchCriteria, type FactIntent, type LeadFacts, type RequestedTime } from "./lead-facts.ts";
import { foldText } from "./normalize-text.ts";
import { readLead } from "./read-lead.ts";
import type { DraftReply, LeadIntent, ReplyContext, ReplyVehicle } from "./reply-types.ts";
import { searchStock, type StockMatch, type StockSearch } from "./search-stock.ts";

/*
 * The built-in Norwegian first reply: the default without an AI key and the fallback whenever the AI fails or
 * breaks a guardrail. Deterministic, yet written the way a good salesperson answers: it greets by first name,
 * names the car, says what the inventory says about it (available with its listed price, reserved, or sold with
 * up to two available alternatives), answers what the customer asked for and says when a salesperson calls.
 * It never states a price other than the listed price of an available car it cites, and never a discount, a
 * trade-in value, financing terms, a reservation or a delivery date. The AI disclosure is added by the workflow.
 */

type Lang = "nb" | "en";
const MAX_MAIN_SENTENCES = 8;
const DAY_NB: Record<string, string> = {
  mon: "mandag",
  tue: "tirsdag",
  wed: "onsdag",
  thu: "torsdag",
  fri: "fredag",
  sat: "lørdag",
  sun: "søndag",
};
const DAY_EN: Record<string, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};
const WEEKDAY_KEYS: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * The built-in reply to a lead: greeting, one sentence per thing the customer asked (in their order), the cars
 * that fit, a concrete next step, signature. English to an English lead, bokmål otherwise (nynorsk leads are
 * answered in bokmål, the dealership's written language). No disclosure: the workflow adds it. An opt-out gets
 * no reply at all (respondToLead never calls this for one); a service request gets the service desk, no cars.
 */
export function composeBuiltInReply(ctx: ReplyContext): DraftReply {
  const facts = ctx.facts ?? readLead(ctx.lead);
  const lang: Lang = facts.language === "en" ? "en" : "nb";
  const stock = ctx.stock ?? searchStock(facts, ctx.lead, ctx.vehicles);
  const service = facts.intents[0] === "service" || (facts.intents.includes("service") && !stock.named);
  const firstName = extractFirstName(ctx.lead.customerName);
  const seed = hashText(`${ctx.lead.message ?? ""}${ctx.lead.customerName ?? ""}`);
  const cited = service ? [] : citedCars(stock);
  const main = service
    ? lang === "en"
      ? composeServiceParagraphEn(ctx)
      : composeServiceParagraph(ctx)
    : composeAnswer(ctx, facts, stock, lang, seed);
  const formal = ctx.dealership.addressForm === "de" && lang === "nb";
  const greeting =
    lang === "en" ? (firstName ? `Hi ${firstName},` : "Hello,") : firstName ? `Hei ${firstName}!` : "Hei!";
  const named = stock.named?.car && !service ? nameVehicle(stock.named.car) : null;
  const dealer = ctx.dealership.name;
  return {
    subject: service
      ? lang === "en"
        ? `Service and workshop – ${dealer}`
        : `Service og verksted – ${dealer}`
      : named
        ? lang === "en"
          ? `About the ${named} – ${dealer}`
          : `Ang. ${named} – ${dealer}`
        : lang === "en"
          ? `Thank you for your enquiry – ${dealer}`
          : `Takk for henvendelsen – ${dealer}`,
    body: [greeting, formal ? toFormalAddress(main) : main, buildSignature(ctx.dealership, lang)].join(
      "\n\n",
    ),
    citedVehicleIds: cited.map((v) => v.id),
    intent: service ? "service" : toLeadIntent(facts.intents[0] ?? "browse"),
  };
}

/** The DraftReply intent for a fact intent ("browse" is the older "general"). */
export function toLeadIntent(intent: FactIntent): LeadIntent {
  return intent === "browse" ? "general" : intent;
}

function citedCars(stock: StockSearch): ReplyVehicle[] {
  return [...(stock.named?.car ? [stock.named.car] : []), ...stock.matches.map((m) => m.vehicle)];
}

function composeAnswer(
  ctx: ReplyContext,
  facts: LeadFacts,
  stock: StockSearch,
  lang: Lang,
  seed: number,
): string {
  const en = lang === "en";
  const intents = facts.intents;
  const sentences: string[] = [];
  const complaint = intents.includes("complaint");
  sentences.push(
    complaint
      ? en
        ? "Thank you for telling us, and I am sorry this has not been as it should."
        : "Takk for at du sier fra, og beklager at dette ikke har vært som det skal."
      : pick(seed, en ? EN_OPENERS : NB_OPENERS),
  );
  const status = describeNamed(stock, intents, lang, stock.matches.length > 0);
  if (status) sentences.push(status);
  const offer = describeMatches(stock, facts, lang, seed);
  if (offer) sentences.push(offer);
  else if (
    !stock.named &&
    (intents.includes("browse") ||
      hasSearchCriteria(facts.criteria) ||
      intents.includes("price") ||
      intents.includes("availability"))
  ) {
    sentences.push(
      hasSearchCriteria(facts.criteria)
        ? en
          ? "Right now we have no car in stock that matches what you describe, but the salesperson will gladly look for one with you."
          : "Akkurat nå har vi ingen bil inne som passer det du beskriver, men selgeren ser gjerne etter en sammen med deg."
        : en
          ? "Tell us a little about what you are looking for, and the salesperson will suggest cars that fit."
          : "Fortell oss gjerne litt om hva du ser etter, så foreslår selgeren biler som passer.",
    );
  }
  const hasCar = Boolean(stock.named?.car?.status === "available" || stock.matches.length);
  for (const intent of orderedExtras(intents)) {
    const sentence =
      intent === "test_drive"
        ? describeTestDrive(ctx, facts, hasCar, lang)
        : intent === "prep"
          ? describePrep(intents, lang)
          : null;
    if (sentence) sentences.push(sentence);
  }
  if (intents.includes("trade_in"))
    sentences.push(
      en
        ? "If you send us the registration number and mileage of your current car, the salesperson comes prepared."
        : "Send oss gjerne registreringsnummeret og kilometerstanden på bilen du har nå, så er selgeren godt forberedt.",
    );
  sentences.push(describeCall(ctx, facts, complaint, lang));
  // Within the length rule: the opener goes first, then the trade-in tip.
  while (sentences.length > MAX_MAIN_SENTENCES - 1) sentences.splice(sentences.length > 2 ? 0 : 1, 1);
  return sentences.join(" ");
}

const NB_OPENERS = ["Takk for meldingen!", "Takk for at du tok kontakt.", "Hyggelig å høre fra deg."];
const EN_OPENERS = ["Thank you for your message!", "Thanks for getting in touch.", "Great to hear from you."];

/** The test drive in the customer's place among the intents, and one sentence for trade-in/financing/reservation/delivery. */
function orderedExtras(intents: FactIntent[]): ("test_drive" | "prep")[] {
  const out: ("test_drive" | "prep")[] = [];
  for (const intent of intents) {
    if (intent === "test_drive" && !out.includes("test_drive")) out.push("test_drive");
    if (PREP.includes(intent) && !out.includes("prep")) out.push("prep");
  }
  return out;
}
const PREP: FactIntent[] = ["trade_in", "financing", "reservation", "delivery"];
const PREP_NB: Partial<Record<FactIntent, string>> = {
  trade_in: "innbytte",
  financing: "finansiering",
  reservation: "reservasjon",
  delivery: "leveringstid",
};
const PREP_EN: Partial<Record<FactIntent, string>> = {
  trade_in: "your trade-in",
  financing: "financing",
  reservation: "a reservation",
  delivery: "the delivery time",
};

function describePrep(intents: FactIntent[], lang: Lang): string {
  const topics = intents.filter((i) => PREP.includes(i)).map((i) => (lang === "en" ? PREP_EN : PREP_NB)[i]!);
  if (lang === "en") return `The salesperson will gladly go through ${joinList(topics, "and")} with you.`;
  const list = joinList(topics);
  return `${list.charAt(0).toUpperCase()}${list.slice(1)} går selgeren gjerne gjennom med deg.`;
}

function describeNamed(
  stock: StockSearch,
  intents: FactIntent[],
  lang: Lang,
  alternativesFollow: boolean,
): string | null {
  const named = stock.named;
  if (!named) return null;
  const en = lang === "en";
  if (!named.car) {
    const text = named.text.length <= 30 && isSafeToRepeat(named.text) ? named.text : null;
    const help = alternativesFollow
      ? ""
      : en
        ? ", but the salesperson will gladly help you find a similar car"
        : ", men selgeren hjelper deg gjerne med å finne en lignende bil";
    return en
      ? `Unfortunately we do not have ${text ? `a ${text}` : "that car"} in stock right now${help}.`
      : `Vi har dessverre ikke ${text ?? "den bilen"} på lager nå${help}.`;
  }
  const car = named.car;
  const label = describeVehicle(car, lang);
  if (car.status === "sold")
    return en ? `The ${label} has unfortunately been sold.` : `${cap(label)} er dessverre solgt.`;
  if (car.status === "reserved")
    return en
      ? `The ${label} is unfortunately reserved at the moment, but the salesperson can tell you if it becomes available again.`
      : `${cap(label)} er dessverre reservert akkurat nå, men selgeren kan fortelle deg om den blir ledig igjen.`;
  const price = car.priceNok != null ? formatNok(car.priceNok) : null;
  const mileage = car.mileageKm != null && car.mileageKm >= 100 ? formatThousands(car.mileageKm) : null;
  if (en) {
    const facts = [mileage ? `has done ${mileage} km` : null, price ? `is listed at ${price}` : null].filter(
      Boolean,
    );
    return `Good news: the ${label} is available${facts.length ? ` and ${joinList(facts as string[], "and")}` : ""}.`;
  }
  const facts = [mileage ? `har gått ${mileage} km` : null, price ? `koster ${price}` : null].filter(Boolean);
  const opener = intents.includes("availability") ? "Godt nytt: " : "";
  const subject = opener ? label : cap(label);
  return `${opener}${subject} er ledig${facts.length ? `, ${joinList(facts as string[])}` : ""}.`;
}

function describeMatches(stock: StockSearch, facts: LeadFacts, lang: Lang, seed: number): string | null {
  const { matches, named } = stock;
  if (matches.length === 0) return null;
  const en = lang === "en";
  // Reasons said once: a second car with the same reasons would repeat them word for word.
  const list = joinList(
    matches.map((m, i) => describeMatch(m, lang, i > 0 && sameReasons(m, matches[i - 1]!, lang))),
    en ? "and" : "og",
  );
  const many = matches.length > 1;
  const exact = matches.every((m) => m.exact);
  if (named && named.state !== "available") {
    return en ? `What we can offer instead is ${list}.` : `Det nærmeste vi har inne nå, er ${list}.`;
  }
  if (!exact) {
    return en
      ? `Nothing we have right now ticks every box, but the closest ${many ? "are" : "is"} ${list}.`
      : `Ingen av bilene våre treffer alt du ønsker akkurat nå, men nærmest kommer ${list}.`;
  }
  if (named?.state === "available") {
    return en ? `Other cars that fit are ${list}.` : `Andre biler som passer, er ${list}.`;
  }
  const nb = [
    `Av bilene vi har inne nå, passer ${list} godt til det du beskriver.`,
    `Ut fra det du skriver, kan ${list} være ${many ? "aktuelle" : "aktuell"}.`,
  ];
  const enList = [
    `From our current stock, ${list} ${many ? "fit" : "fits"} what you describe.`,
    `Based on what you wrote, take a look at ${list}.`,
  ];
  return pick(seed >> 3, en ? enList : nb);
}

/** "en Škoda Enyaq iV fra 2022 (elektrisk SUV, hengerfeste) til 399 000 kr". */
function describeMatch(m: StockMatch, lang: Lang, skipReasons = false): string {
  const v = m.vehicle;
  const reasons = skipReasons ? "" : describeReasons(m, lang);
  const price =
    v.priceNok != null
      ? lang === "en"
        ? ` at ${formatNok(v.priceNok)}`
        : ` til ${formatNok(v.priceNok)}`
      : "";
  return `${lang === "en" ? "a" : "en"} ${describeVehicle(v, lang)}${reasons ? ` (${reasons})` : ""}${price}`;
}

function sameReasons(a: StockMatch, b: StockMatch, lang: Lang): boolean {
  return describeReasons(a, lang) === describeReasons(b, lang) || a.vehicle.year === b.vehicle.year;
}

function describeReasons(m: StockMatch, lang: Lang): string {
  const v = m.vehicle;
  const en = lang === "en";
  const words: string[] = [];
  for (const reason of m.reasons) {
    if (reason === "fuel" && v.fuelType)
      words.push(en ? (FUEL_EN[v.fuelType] ?? v.fuelType) : labelOf(FUEL_LABELS_NB, v.fuelType)!);
    if ((reason === "body" || reason === "family") && v.bodyType)
      words.push(en ? (BODY_EN[v.bodyType] ?? v.bodyType) : labelOf(BODY_TYPE_LABELS_NB, v.bodyType)!);
    if (reason === "drivetrain" && v.drivetrain)
      words.push(en ? "all-wheel drive" : labelOf(DRIVETRAIN_LABELS_NB, v.drivetrain)!);
    if (reason === "towbar") words.push(en ? "towbar" : "hengerfeste");
    if (reason === "seats" && v.seats) words.push(en ? `${v.seats} seats` : `${v.seats} seter`);
    if (reason === "range" && v.rangeKm)
      words.push(en ? `${v.rangeKm} km range` : `${v.rangeKm} km rekkevidde`);
    if (reason === "budget") words.push(en ? "within your budget" : "innenfor budsjettet");
    if (reason === "mileage" && v.mileageKm != null)
      words.push(
        en ? `${formatThousands(v.mileageKm)} km on the clock` : `${formatThousands(v.mileageKm)} km`,
      );
    if (reason === "transmission" && v.transmission)
      words.push(en ? v.transmission : labelOf(TRANSMISSION_LABELS_NB, v.transmission)!);
  }
  return [...new Set(words)].slice(0, 4).join(", ");
}

const FUEL_EN: Record<string, string> = {
  electric: "electric",
  plug_in_hybrid: "plug-in hybrid",
  hybrid: "hybrid",
  petrol: "petrol",
  diesel: "diesel",
  hydrogen: "hydrogen",
};
const BODY_EN: Record<string, string> = {
  suv: "SUV",
  station_wagon: "estate",
  sedan: "saloon",
  hatchback: "hatchback",
  mpv: "MPV",
  coupe: "coupé",
  convertible: "convertible",
  pickup: "pickup",
  van: "van",
};

function describeTestDrive(ctx: ReplyContext, facts: LeadFacts, hasCar: boolean, lang: Lang): string {
  const en = lang === "en";
  const time = facts.testDrive;
  if (!hasCar)
    return en
      ? "Once we have found a car that suits you, we will happily set up a test drive."
      : "Når vi har funnet en bil som passer, setter vi gjerne opp en prøvekjøring.";
  if (time?.day === "today") {
    const today = todaysHours(ctx);
    if (!today)
      return en
        ? "We are closed today, so the salesperson will suggest another time for you to come by for a test drive."
        : "I dag har vi dessverre stengt, så selgeren foreslår en annen dag du kan komme innom og prøvekjøre.";
    return en
      ? `We are open until ${today} today, so you are welcome to come by for a test drive.`
      : `I dag har vi åpent til kl. ${today}, så du er velkommen innom for en prøvekjøring.`;
  }
  const weekday = time?.day && DAY_NB[time.day] ? (time.day as Weekday) : null;
  if (weekday && isClosedOn(ctx, weekday)) {
    return en
      ? `We are closed on ${DAY_EN[weekday]}s, so the salesperson will find another day for your test drive.`
      : `Vi har dessverre stengt på ${DAY_NB[weekday]}er, så selgeren finner en annen dag for prøvekjøringen.`;
  }
  const when = time ? describeTime(time, lang) : null;
  if (when)
    return en
      ? `A test drive ${when} works for us, and the salesperson will confirm the exact time with you.`
      : `Prøvekjøring ${when} passer fint for oss, og selgeren bekrefter tidspunktet med deg.`;
  return en
    ? "You are welcome to take it for a test drive at a time that suits you."
    : "Du er velkommen til en prøvekjøring når det passer for deg.";
}

function describeCall(ctx: ReplyContext, facts: LeadFacts, complaint: boolean, lang: Lang): string {
  const en = lang === "en";
  const rep = cleanPersonName(ctx.repName);
  const who = rep ?? (en ? "One of our salespeople" : "En av selgerne våre");
  const asked =
    facts.callback && facts.intents.includes("callback") ? describeTime(facts.callback, lang) : null;
  const when = asked ?? (en ? translateWhen(ctx.whenWeCall) : ctx.whenWeCall?.trim() || "så snart som mulig");
  const closed =
    ctx.closedToday && !ctx.openNow && !asked
      ? en
        ? "We are closed today, so "
        : `Vi har stengt i dag${ctx.closedToday.name && isSafeToRepeat(ctx.closedToday.name) ? ` (${ctx.closedToday.name})` : ""}, og `
      : "";
  const whoInSentence = closed && !rep ? (en ? "one of our salespeople" : "en av selgerne våre") : who;
  const purpose = complaint
    ? en
      ? "to talk this through personally"
      : "for å ta dette personlig med deg"
    : facts.intents.includes("test_drive")
      ? en
        ? "to agree on the test drive"
        : "for å avtale prøvekjøringen"
      : en
        ? "to answer your questions"
        : "for å svare på spørsmålene dine";
  const sentence = en
    ? `${whoInSentence} will call you ${when} ${purpose}.`
    : `${whoInSentence} ringer deg ${when} ${purpose}.`;
  return closed ? `${closed}${sentence}` : sentence;
}

/** "i kveld etter kl. 18", "på lørdag kl. 11", "i morgen mellom kl. 16 og 18" / "tonight after 6 pm". */
export function describeTime(time: RequestedTime, lang: Lang): string | null {
  const en = lang === "en";
  const dayText =
    time.day === "today"
      ? time.partOfDay === "evening"
        ? en
          ? "this evening"
          : "i kveld"
        : time.partOfDay === "afternoon"
          ? en
            ? "this afternoon"
            : "i ettermiddag"
          : en
            ? "today"
            : "i dag"
      : time.day === "tomorrow"
        ? en
          ? "tomorrow"
          : "i morgen"
        : time.day === "weekend"
          ? en
            ? "this weekend"
            : "i helgen"
          : time.day
            ? en
              ? `on ${DAY_EN[time.day]}`
              : `på ${DAY_NB[time.day]}`
            : time.partOfDay === "evening"
              ? en
                ? "in the evening"
                : "på kvelden"
              : time.partOfDay === "afternoon"
                ? en
                  ? "in the afternoon"
                  : "på ettermiddagen"
                : time.partOfDay === "morning"
                  ? en
                    ? "in the morning"
                    : "på formiddagen"
                  : null;
  const clock = (m: number) => (en ? clockEn(m) : `kl. ${formatClock(m)}`);
  const timeText =
    time.after != null && time.before != null
      ? en
        ? `between ${clockEn(time.after)} and ${clockEn(time.before)}`
        : `mellom kl. ${formatClock(time.after)} og ${formatClock(time.before)}`
      : time.after != null
        ? `${en ? "after" : "etter"} ${clock(time.after)}`
        : time.before != null
          ? `${en ? "before" : "før"} ${clock(time.before)}`
          : time.at != null
            ? en
              ? `at ${clockEn(time.at)}`
              : clock(time.at)
            : null;
  // "på kvelden etter kl. 18" says the evening twice: without a day, the clock time is enough.
  const text = (time.day ? [dayText, timeText] : [timeText ?? dayText]).filter(Boolean).join(" ");
  return text || null;
}

/** Norwegian minutes as "18" or "18.30". */
export function formatClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h}.${String(m).padStart(2, "0")}` : String(h);
}

function clockEn(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${m ? `:${String(m).padStart(2, "0")}` : ""} ${h < 12 ? "am" : "pm"}`;
}

function translateWhen(nb: string | undefined): string {
  const text = nb?.trim() ?? "";
  if (!text || text === "så snart som mulig") return "as soon as we can";
  if (text === "i løpet av kort tid") return "shortly";
  const m = /^(i dag|i morgen|på (\S+)|neste (\S+)|.+?) fra kl\. (\d{2})\.(\d{2})$/.exec(text);
  if (!m) return "as soon as we can";
  const at = clockEn(Number(m[4]) * 60 + Number(m[5]));
  const day = m[1] === "i dag" ? "today" : m[1] === "i morgen" ? "tomorrow" : null;
  const weekday = m[2] ?? m[3];
  const key = weekday ? Object.keys(DAY_NB).find((k) => DAY_NB[k] === weekday) : undefined;
  if (day) return `${day} from ${at}`;
  if (key) return `${m[3] ? "next " : "on "}${DAY_EN[key]} from ${at}`;
  return `from ${at} on our next working day`;
}

function todaysHours(ctx: ReplyContext): string | null {
  const config = hoursConfigOf(ctx.dealership);
  const today = getDayHours(config, toZonedParts(ctx.now, resolveTimeZone(ctx.dealership.timezone)).date);
  const last = today.intervals.at(-1);
  return last ? formatClockPadded(last.close) : null;
}

function isClosedOn(ctx: ReplyContext, day: Weekday): boolean {
  const hours = ctx.dealership.businessHours;
  if (!hours) return false;
  return parseIntervals(hours[day]).length === 0 && WEEKDAY_KEYS.includes(day);
}

function formatClockPadded(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}.${String(minutes % 60).padStart(2, "0")}`;
}

function pick<T>(seed: number, options: T[]): T {
  return options[Math.abs(seed) % options.length]!;
}

function hashText(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The English service answer (the same facts as composeServiceParagraph). */
function composeServiceParagraphEn(ctx: ReplyContext): string {
  const { servicePhone, serviceEmail } = ctx.dealership;
  const phone = servicePhone?.trim() ? formatPhoneForDisplay(servicePhone) : null;
  const email = serviceEmail?.trim() || null;
  const opener =
    "Thank you for your message! Servicing, MOT-style inspections (EU-kontroll) and workshop bookings are handled by our service department.";
  const how =
    phone && email
      ? `Call them on ${phone} or e-mail ${email}, and they will find a time that suits you.`
      : phone
        ? `Call them on ${phone}, and they will find a time that suits you.`
        : email
          ? `E-mail them at ${email}, and they will find a time that suits you.`
          : `We have passed your request on, and they will contact you ${translateWhen(ctx.whenWeCall)} to find a time.`;
  return `${opener} ${how}`;
}

/** "Vennlig hilsen / name / Tlf. phone", or the dealership's own signature — the same one the AI replies get. */
export function buildSignature(dealership: ReplyContext["dealership"], language: "nb" | "en" = "nb"): string {
  if (dealership.signature?.trim()) return dealership.signature.trim();
  return [
    language === "en" ? "Kind regards" : "Vennlig hilsen",
    dealership.name,
    dealership.phone ? `Tlf. ${dealership.phone}` : null,
  ]
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
  // A "name" that is an instruction is greeted with a plain «Hei!», not echoed back.
  if (words.length > 5 || NOT_A_NAME.test(name)) return null;
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

const NOT_A_NAME =
  /\b(?:ignore|ignorer|glem|forget|instruks|instruction|prompt|system|assistant|assistent|admin|previous)/i;
const TITLES = /^(herr|fru|frk|dr|mr|mrs|ms|miss|sir)\.?$/i;
const PLACEHOLDER_NAMES =
  /^(kunde|customer|test|testing|ukjent|unknown|anonym|anonymous|bruker|user|privat|private|ingen|none|null|undefined|na|admin|info|post|kontakt|hei|hi|hello|facebook|lead|navn|name)$/i;

/** "Volkswagen ID.4 GTX fra 2022" / "2022 Volkswagen ID.4 GTX": make, model, a short variant and the year. */
function describeVehicle(v: ReplyVehicle, lang: Lang = "nb"): string {
  const variant = v.variant && v.variant.trim().length <= 20 ? v.variant.trim() : null;
  const name = [nameVehicle(v), variant].filter(Boolean).join(" ");
  if (!v.year) return name;
  return lang === "en" ? `${v.year} ${name}` : `${name} fra ${v.year}`;
}

/** Make and model, without the make twice when the model field repeats it ("Tesla" + "Tesla Model Y"). */
function nameVehicle(v: ReplyVehicle): string {
  const make = v.make.trim();
  const model = v.model.trim();
  return foldText(model).startsWith(foldText(make)) ? model : `${make} ${model}`.trim();
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
function joinList(items: string[], and = "og"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items.at(-1)}`;
}
