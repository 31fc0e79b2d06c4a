// Demo data for local development and the demo: two dealerships (Fjordbil AS in Oslo, Vestland Bil AS in Bergen)
// with users, inventory, leads, conversations, timeline events and an API key. Idempotent: a second run finds
// the "fjordbil" dealership and does nothing. The data is generated with a seeded PRNG, so every fresh seed
// produces the same people, cars and messages (timestamps are relative to the time of seeding).
import { getLogger } from "../../lib/log/logger.ts";
import { slugify } from "../../lib/dealerships/generate-form-key.ts";
import { randomUUID } from "node:crypto";
import { eq, sql, type SQL } from "drizzle-orm";
import { apiKeys } from "../../db/schema/auth.ts";
import { conversations, leadEvents, leadStatusHistory } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import type {
  LeadSource,
  LeadStatus,
  UserRole,
  VehicleBodyType,
  VehicleDrivetrain,
  VehicleFuel,
} from "../../db/schema/enums.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { vehicles } from "../../db/schema/vehicles.ts";
import { hashPassword } from "../../lib/auth/password.ts";
import { hashToken } from "../../lib/auth/tokens.ts";
import { withSystem, type Tx } from "../../lib/db/tenant.ts";

/** Used when NORVALT_DEMO_API_KEY is not set. Local demo only: anyone reading this file knows it. */
export const DEMO_API_KEY_FALLBACK = "nv_fjordbil_demo_key_for_local_use_only";
export const DEMO_PASSWORD = "norvalt-demo";
const DEMO_SLUG = "fjordbil";
const SEED = 20_251_125;

export type SeedDemoOptions = { formKey: string; apiKey: string; log?: (s: string) => void };

type VehicleRow = typeof vehicles.$inferInsert;
type LeadRow = typeof leads.$inferInsert;
type ConversationRow = typeof conversations.$inferInsert;
type LeadEventRow = typeof leadEvents.$inferInsert;
type StatusRow = typeof leadStatusHistory.$inferInsert;
type UserRow = typeof users.$inferInsert;

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: tiny, fast, good enough for demo data, and the same sequence for the same seed. */
export function createRng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  };
  const weighted = <T extends string>(weights: Readonly<Record<T, number>>): T => {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  };
  const chance = (p: number): boolean => next() < p;
  return { next, int, pick, weighted, chance };
}
type Rng = ReturnType<typeof createRng>;

// ---------------------------------------------------------------------------------------------------------------
// Reference data

// prettier-ignore
const FIRST_NAMES = [
  "Ola", "Kari", "Per", "Anne", "Lars", "Ingrid", "Jonas", "Nora", "Emil", "Sofie", "Henrik", "Ida", "Magnus",
  "Thea", "Sander", "Emma", "Martin", "Maja", "Andreas", "Ingeborg", "Kristian", "Silje", "Håkon", "Marte",
  "Eirik", "Hanne", "Øyvind", "Tone", "Bjørn", "Solveig", "Jørgen", "Ragnhild", "Tor", "Astrid", "Sindre",
  "Camilla", "Vegard", "Linn", "Espen", "Åse", "Mathias", "Hedda", "Trond", "Marit", "Fredrik", "Guro",
] as const;
// prettier-ignore
const LAST_NAMES = [
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
  "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
  "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Strand", "Moen", "Solberg",
  "Bakken", "Kristoffersen", "Lie", "Amundsen", "Nygård", "Holm", "Bakke", "Ødegård", "Løken", "Brekke", "Aas",
  "Fjeld",
] as const;
const EMAIL_DOMAINS = [
  "gmail.com",
  "hotmail.com",
  "outlook.com",
  "online.no",
  "live.no",
  "icloud.com",
  "yahoo.no",
];
const TRADE_INS = [
  "en 2016 VW Golf med 140 000 km",
  "en Toyota Auris Hybrid fra 2015",
  "en Nissan Leaf fra 2017",
  "en Volvo V70 diesel fra 2012",
  "en Skoda Octavia stasjonsvogn fra 2014",
  "en BMW i3 fra 2018",
];
const PLACES = ["Drammen", "Lillestrøm", "Ski", "Asker", "Hamar", "Moss", "Jessheim"];
const WHEN = ["på lørdag", "i morgen ettermiddag", "torsdag etter jobb", "en gang neste uke", "i helgen"];

type Topic =
  | "testdrive"
  | "tradein"
  | "leasing"
  | "financing"
  | "delivery"
  | "condition"
  | "range"
  | "towbar"
  | "price"
  | "general";

const TOPIC_WEIGHTS: Record<Topic, number> = {
  testdrive: 24,
  tradein: 16,
  leasing: 10,
  financing: 9,
  delivery: 9,
  condition: 9,
  range: 7,
  towbar: 4,
  price: 6,
  general: 6,
};

function customerMessage(rng: Rng, topic: Topic, car: string, isEv: boolean): string {
  switch (topic) {
    case "testdrive":
      return rng.pick([
        `Hei! Jeg er interessert i ${car} som dere har ute. Er den fortsatt tilgjengelig, og er det mulig å komme på prøvekjøring ${rng.pick(WHEN)}?`,
        `Hei, kan jeg få prøvekjøre ${car} ${rng.pick(WHEN)}? Mvh`,
        `Vi er en familie på fire som ser etter ny bil. Kunne vi fått prøvekjøre ${car} ${rng.pick(WHEN)}?`,
      ]);
    case "tradein":
      return rng.pick([
        `Hei, jeg vurderer ${car} og har ${rng.pick(TRADE_INS)} som jeg ønsker å bytte inn. Hva kan dere gi for den i innbytte?`,
        `Tar dere innbytte? Har ${rng.pick(TRADE_INS)} og er interessert i ${car}.`,
      ]);
    case "leasing":
      return `Hei. Tilbyr dere privatleasing på ${car}? Hva blir månedsprisen med 36 mnd og 15 000 km i året?`;
    case "financing":
      return rng.pick([
        `Hei, hvilke muligheter har dere for finansiering av ${car}? Jeg har ca. 20 % egenkapital.`,
        `Kan jeg få et forslag til billån på ${car}? Ønsker lav månedskostnad.`,
      ]);
    case "delivery":
      return `Hei! Hvis jeg bestemmer meg for ${car}, hvor raskt kan den leveres? Kan dere levere til ${rng.pick(PLACES)}?`;
    case "condition":
      return isEv
        ? `Hei, har ${car} full servicehistorikk? Og vet dere noe om batterikapasiteten (SoH)?`
        : `Hei, har ${car} full servicehistorikk, og når er neste EU-kontroll?`;
    case "range":
      return isEv
        ? `Hvor lang rekkevidde har ${car} om vinteren? Har den varmepumpe og hengerfeste?`
        : `Hvor mye bruker ${car} på mila, og har den firehjulstrekk?`;
    case "towbar":
      return `Kan ${car} leveres med hengerfeste? Vi trenger å trekke en liten tilhenger og av og til en sykkelholder.`;
    case "price":
      return `Hei, hva er beste pris på ${car} ved rask avgjørelse? Kan hente allerede denne uken.`;
    case "general":
      return rng.pick([
        `Hei, jeg så annonsen for ${car} på Finn. Kan noen ringe meg?`,
        `Er ${car} fortsatt til salgs? Ønsker mer informasjon.`,
      ]);
  }
}

/** The AI acknowledgement: never commits to price, discount, trade-in value or financing; hands over to a person. */
function aiReply(
  topic: Topic,
  firstName: string,
  car: string,
  rep: string,
  dealer: DealerContext,
  afterHours: boolean,
) {
  const topicSentence: Record<Topic, string> = {
    testdrive: "Vi setter gjerne opp en prøvekjøring, og selgeren avtaler et tidspunkt som passer for deg.",
    tradein:
      "Innbytteverdi må vurderes av en selger, gjerne etter en kort titt på bilen din, så det kan jeg ikke anslå her.",
    leasing: "Spørsmål om leasing besvares av selgeren vår, som kan gå gjennom alternativene sammen med deg.",
    financing:
      "Finansiering går selgeren vår gjennom med deg, slik at du får riktige og oppdaterte betingelser.",
    delivery: "Selgeren går gjennom leveringsmuligheter og tidspunkt med deg.",
    condition: "Selgeren kan sende deg servicehistorikk og annen dokumentasjon på bilen.",
    range: "Selgeren kan fortelle mer om utstyr og egenskaper på akkurat denne bilen.",
    towbar: "Selgeren sjekker utstyret på bilen og hvilke muligheter som finnes, og gir deg beskjed.",
    price: "Pris og eventuelle betingelser avtales direkte med selgeren vår.",
    general: "Vi har mottatt meldingen din og ser frem til å hjelpe deg.",
  };
  const when = afterHours ? "så snart vi åpner" : "i løpet av kort tid";
  return (
    `Hei ${firstName}!\n\n` +
    `Takk for at du tok kontakt med ${dealer.name} om ${car}. ${topicSentence[topic]} ` +
    `${rep} er din kontaktperson og tar kontakt med deg ${when}.\n\n` +
    `Med vennlig hilsen\n${dealer.name}\n${dealer.phoneDisplay} · ${dealer.email}`
  );
}

function humanFollowUp(rng: Rng, firstName: string, car: string, rep: RepContext, dealer: DealerContext) {
  return rng.pick([
    `Hei ${firstName}, dette er ${rep.name} fra ${dealer.name}. Takk for interessen for ${car}! Har du tid til en kort prat i dag? Du når meg på ${rep.phoneDisplay}.`,
    `Hei ${firstName}! ${rep.name} her, selger hos ${dealer.name}. Jeg har sett på henvendelsen din om ${car} og ringer deg gjerne. Når passer det best?`,
    `Hei igjen, ${firstName}. Bilen står klar hos oss, og du er velkommen innom. Gi meg beskjed om et tidspunkt som passer. Hilsen ${rep.name}, ${dealer.name}`,
  ]);
}

const CUSTOMER_REPLIES: Record<"qualified" | "won" | "lost", readonly string[]> = {
  qualified: [
    "Takk for raskt svar! Lørdag kl. 11 passer fint for prøvekjøring.",
    "Supert, ring meg gjerne etter kl. 16.",
    "Takk! Vi kommer innom på torsdag for å se på bilen.",
  ],
  won: [
    "Vi har bestemt oss, vi tar den! Når kan vi hente?",
    "Takk for god hjelp, vi er klare til å signere.",
  ],
  lost: [
    "Takk for svar, men vi har kjøpt bil et annet sted.",
    "Vi har valgt å vente litt med bilkjøp. Takk likevel!",
    "Den ble litt for dyr for oss denne gangen.",
  ],
};

const WON_MESSAGES = [
  "Gratulerer med ny bil! Bilen blir klargjort og står klar for utlevering som avtalt.",
  "Tusen takk for handelen! Vi sender kontrakt og dokumentasjon på e-post i dag.",
];

// ---------------------------------------------------------------------------------------------------------------
// Dealerships, people, cars

type DealerContext = {
  id: string;
  name: string;
  slug: string;
  email: string;
  phone: string;
  phoneDisplay: string;
  domain: string;
  portals: readonly string[];
};
type RepContext = { id: string; name: string; phoneDisplay: string };

type UserSeed = { email: string; name: string; role: UserRole; phone: string };

const FJORDBIL_USERS: UserSeed[] = [
  { email: "admin@fjordbil.no", name: "Kari Nordmann", role: "admin", phone: "+4791234567" },
  { email: "leder@fjordbil.no", name: "Lars Berg", role: "manager", phone: "+4792345678" },
  { email: "selger1@fjordbil.no", name: "Ola Hansen", role: "sales_rep", phone: "+4741234567" },
  { email: "selger2@fjordbil.no", name: "Ingrid Johansen", role: "sales_rep", phone: "+4748765432" },
];
const VESTLAND_USERS: UserSeed[] = [
  { email: "admin@vestlandbil.no", name: "Sigrid Vik", role: "admin", phone: "+4795512345" },
  { email: "selger@vestlandbil.no", name: "Per Solheim", role: "sales_rep", phone: "+4746655443" },
];

type CarSeed = [
  make: string,
  model: string,
  variant: string,
  year: number,
  priceNok: number,
  mileageKm: number,
  fuelType: VehicleFuel,
  color: string,
  registrationNumber: string,
  status?: "reserved" | "sold",
];

// prettier-ignore
const FJORDBIL_CARS: CarSeed[] = [
  ["Tesla", "Model Y", "Long Range AWD", 2022, 389_900, 48_000, "electric", "Hvit", "EL 48213"],
  ["Tesla", "Model Y", "RWD", 2023, 349_900, 22_000, "electric", "Svart", "EC 19384", "reserved"],
  ["Tesla", "Model 3", "Long Range AWD", 2021, 279_900, 71_000, "electric", "Blå", "EV 60217"],
  ["Tesla", "Model 3", "Standard Range Plus", 2020, 219_900, 89_000, "electric", "Grå", "EL 73390", "sold"],
  ["Volkswagen", "ID.4", "Pro Performance 77 kWh", 2022, 329_900, 35_000, "electric", "Grå", "EK 25871"],
  ["Volkswagen", "ID.3", "Pro 58 kWh", 2021, 229_900, 52_000, "electric", "Hvit", "EB 91102"],
  ["Toyota", "bZ4X", "AWD Executive", 2023, 399_900, 18_000, "electric", "Sølv", "EF 40526"],
  ["Toyota", "RAV4", "2.5 Hybrid AWD-i Active Style", 2021, 399_900, 61_000, "hybrid", "Grå", "DN 58214"],
  ["Toyota", "Corolla", "1.8 Hybrid Touring Sports Active", 2020, 249_900, 78_000, "hybrid", "Hvit", "BS 33617"],
  ["Skoda", "Enyaq iV", "80 Sportline", 2022, 389_900, 41_000, "electric", "Grønn", "EH 12093"],
  ["Volvo", "EX30", "Single Motor Extended Range Plus", 2024, 379_900, 6_000, "electric", "Blå", "EJ 80934", "reserved"],
  ["Volvo", "XC40", "Recharge Twin Plus", 2022, 449_900, 33_000, "electric", "Svart", "EC 67230"],
  ["Hyundai", "Ioniq 5", "77 kWh AWD Premium", 2022, 399_900, 39_000, "electric", "Grå", "EL 22756"],
  ["Kia", "EV6", "GT-Line AWD 77 kWh", 2022, 419_900, 44_000, "electric", "Rød", "EV 38451"],
  ["BMW", "iX3", "Impressive", 2022, 479_900, 29_000, "electric", "Svart", "EK 70312"],
  ["Audi", "Q4 e-tron", "40 Advanced", 2023, 489_900, 15_000, "electric", "Hvit", "EF 55820"],
  ["Polestar", "2", "Long Range Dual Motor", 2021, 299_900, 64_000, "electric", "Grå", "EB 44109"],
  ["Nissan", "Leaf", "e+ Tekna 62 kWh", 2020, 179_900, 58_000, "electric", "Hvit", "EL 91844", "sold"],
  ["MG", "MG4", "Luxury 64 kWh", 2023, 269_900, 12_000, "electric", "Oransje", "ED 30527"],
  ["BYD", "Atto 3", "Design 60 kWh", 2023, 289_900, 14_000, "electric", "Blå", "EE 61738"],
  ["Mercedes-Benz", "EQA", "250 Progressive", 2022, 389_900, 27_000, "electric", "Grå", "EK 18367"],
  ["Volkswagen", "Golf", "1.5 eTSI Life DSG", 2021, 279_900, 42_000, "petrol", "Grå", "KH 48720"],
  ["Volvo", "XC60", "T6 Recharge AWD Inscription", 2021, 549_900, 56_000, "plug_in_hybrid", "Hvit", "RJ 93402"],
  ["Skoda", "Octavia", "Combi 2.0 TDI 4x4 Style", 2020, 289_900, 98_000, "diesel", "Sølv", "DR 77156"],
  ["Toyota", "Land Cruiser", "2.8 D-4D GX", 2019, 599_900, 112_000, "diesel", "Svart", "SV 20814", "sold"],
];

// prettier-ignore
const VESTLAND_CARS: CarSeed[] = [
  ["Tesla", "Model Y", "Long Range AWD", 2023, 419_900, 19_000, "electric", "Grå", "EL 11823"],
  ["Volkswagen", "ID.4", "Pro 77 kWh", 2021, 279_900, 58_000, "electric", "Blå", "EC 38290"],
  ["Toyota", "RAV4", "Plug-in Hybrid AWD", 2022, 519_900, 36_000, "plug_in_hybrid", "Svart", "ZT 44871"],
  ["Hyundai", "Kona", "Electric 64 kWh", 2021, 219_900, 49_000, "electric", "Hvit", "EL 50932"],
  ["Kia", "Niro EV", "Advance 64,8 kWh", 2023, 339_900, 11_000, "electric", "Grønn", "EF 27714"],
  ["Nissan", "Leaf", "40 kWh N-Connecta", 2019, 139_900, 72_000, "electric", "Rød", "EK 60481", "sold"],
  ["Skoda", "Enyaq iV", "60", 2022, 339_900, 28_000, "electric", "Sølv", "EH 81920", "reserved"],
  ["Volvo", "V60", "D4 AWD Cross Country", 2018, 259_900, 134_000, "diesel", "Brun", "SU 34190"],
];

const WMI: Record<string, string> = {
  Tesla: "XP7",
  Volkswagen: "WVG",
  Toyota: "JTM",
  Skoda: "TMB",
  Volvo: "YV1",
  Hyundai: "KMH",
  Kia: "KNA",
  BMW: "WBY",
  Audi: "WAU",
  Polestar: "LPS",
  Nissan: "SJN",
  MG: "LSJ",
  BYD: "LGX",
  "Mercedes-Benz": "W1N",
};
const VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

function buildVehicles(rng: Rng, dealer: DealerContext, cars: CarSeed[], now: Date): VehicleRow[] {
  return cars.map(([make, model, variant, year, priceNok, mileageKm, fuelType, color, reg, status], i) => {
    let vin = WMI[make] ?? "WVW";
    while (vin.length < 17) vin += VIN_CHARS[rng.int(0, VIN_CHARS.length - 1)];
    const listedDaysAgo = rng.int(3, 75);
    const createdAt = new Date(now.getTime() - listedDaysAgo * 86_400_000 - i * 3_600_000);
    const isEv = fuelType === "electric";
    const extras = rng.pick(
      isEv
        ? [
            "varmepumpe og hengerfeste",
            "panoramatak og varmepumpe",
            "vinterhjul på felg og varmepumpe",
            "adaptiv cruise og 360-kamera",
          ]
        : [
            "hengerfeste og vinterhjul",
            "skinnseter og navigasjon",
            "webasto og hengerfeste",
            "vinterhjul på felg",
          ],
    );
    return {
      id: randomUUID(),
      dealershipId: dealer.id,
      make,
      model,
      variant,
      year,
      vin,
      registrationNumber: reg.replace(" ", ""),
      status: status ?? "available",
      priceNok,
      mileageKm,
      fuelType,
      transmission: fuelType === "diesel" && rng.chance(0.3) ? "manual" : "automatic",
      ...describeBody(make, model, variant, fuelType, extras),
      stockNumber: `${dealer.domain.slice(0, 2).toUpperCase()}-${String(1001 + i)}`,
      firstRegistration: `${year}-${String(((i * 5) % 12) + 1).padStart(2, "0")}-15`,
      statusChangedAt: status ? createdAt : null,
      color,
      listingUrl: `https://www.${dealer.domain}/biler/${slugify(`${make}-${model}-${year}`)}-${reg.replace(" ", "").toLowerCase()}`,
      description:
        `Pent brukt ${make} ${model} ${variant} fra ${year} med ${mileageKm.toLocaleString("nb-NO")} km. ` +
        `Godt utstyrt med ${extras}. Servicehistorikk, EU-godkjent og klar for levering.`,
      createdAt,
      updatedAt: createdAt,
    };
  });
}

const SUV_MODELS =
  /model y|id\.4|bz4x|rav4|enyaq|ex30|xc40|xc60|ioniq 5|ev6|ix3|q4|atto 3|eqa|land cruiser|kona|niro/i;
const EV_RANGE_KM: Record<string, number> = { "model y": 533, "model 3": 491, "id.4": 520, "id.3": 426 };

/** Body, drivetrain, seats, range, towbar and equipment a real listing would carry, derived without randomness. */
function describeBody(make: string, model: string, variant: string, fuelType: VehicleFuel, extras: string) {
  const name = `${model} ${variant}`;
  const bodyType: VehicleBodyType = SUV_MODELS.test(model)
    ? "suv"
    : /combi|touring|v60|sports/i.test(name)
      ? "station_wagon"
      : /model 3|polestar|^2$/i.test(model)
        ? "sedan"
        : "hatchback";
  const drivetrain: VehicleDrivetrain = /awd|4x4|dual motor|twin|awd-i/i.test(name)
    ? "awd"
    : make === "Tesla" || make === "BMW"
      ? "rwd"
      : "fwd";
  const kwh = Number(/(\d{2})(?:[.,]\d)? ?kwh/i.exec(variant)?.[1] ?? 0);
  const rangeKm =
    fuelType === "electric"
      ? (EV_RANGE_KM[model.toLowerCase()] ?? (kwh > 0 ? Math.round(kwh * 6.2) : 420))
      : fuelType === "plug_in_hybrid"
        ? 75
        : null;
  const equipment = extras.split(/, | og /).map((item) => item.trim());
  return {
    bodyType,
    drivetrain,
    seats: /land cruiser/i.test(model) ? 7 : 5,
    rangeKm,
    towbar: equipment.some((item) => /hengerfeste/.test(item)),
    equipment,
  };
}

function vehicleLabel(v: VehicleRow): string {
  return `${v.make} ${v.model} ${v.variant ?? ""} ${v.year ?? ""}`.replace(/\s+/g, " ").trim();
}

function formatPhone(e164: string, rng: Rng): string {
  // As customers type them: mostly "+47 912 34 567", sometimes without the country code.
  const local = e164.slice(3);
  const grouped = `${local.slice(0, 3)} ${local.slice(3, 5)} ${local.slice(5)}`;
  return rng.chance(0.7) ? `+47 ${grouped}` : grouped;
}

function randomMobile(rng: Rng): string {
  return `+47${rng.chance(0.55) ? "9" : "4"}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
}

function emailLocal(s: string): string {
  return slugify(s).replace(/-/g, "");
}

/** Oslo local hour and weekday (0 = Sunday) of a timestamp. */
function osloClock(d: Date): { hour: number; weekday: number } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Oslo",
    hour: "2-digit",
    hourCycle: "h23",
    weekday: "short",
  }).formatToParts(d);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 12);
  const wd = parts.find((p) => p.type === "weekday")?.value ?? "Mon";
  return { hour, weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(wd) };
}

/** Moves a timestamp forward into Oslo 08:00–21:59. */
function intoWakingHours(t: number): number {
  const { hour } = osloClock(new Date(t));
  if (hour < 8) return t + (8 - hour) * 3_600_000;
  if (hour >= 22) return t + (24 - hour + 8) * 3_600_000;
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// Leads with their conversations, timeline and status history

type LeadBundle = {
  leads: LeadRow[];
  conversations: ConversationRow[];
  events: LeadEventRow[];
  statusHistory: StatusRow[];
};

const SOURCE_WEIGHTS: Record<Exclude<LeadSource, "api" | "sms">, number> = {
  website: 40,
  email: 28,
  facebook: 22,
  manual: 10,
};
const OLDER_STATUS_WEIGHTS: Record<LeadStatus, number> = {
  new: 14,
  contacted: 34,
  qualified: 22,
  won: 12,
  lost: 18,
};

function generateLeads(
  rng: Rng,
  dealer: DealerContext,
  reps: RepContext[],
  inventory: VehicleRow[],
  count: number,
  now: Date,
  options: { testLead: boolean; resubmissions: number },
): LeadBundle {
  const bundle: LeadBundle = { leads: [], conversations: [], events: [], statusHistory: [] };
  const usedEmails = new Set<string>();
  const nowMs = now.getTime();
  const todayUtc = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

  // Creation times first, oldest first, so status and timelines can depend on the lead's age.
  const createdTimes: number[] = [];
  for (let i = 0; i < count; i++) {
    const day = rng.int(0, 28);
    // Oslo 07–23, with an evening peak (people browse cars after work). UTC+1 is close enough for demo data.
    const localHour = rng.chance(0.4) ? rng.int(18, 22) : rng.int(7, 17);
    let t = todayUtc - day * 86_400_000 + (localHour - 1) * 3_600_000 + rng.int(0, 3_599) * 1000;
    if (t > nowMs - 15 * 60_000) t -= 86_400_000;
    createdTimes.push(t);
  }
  createdTimes.sort((a, b) => a - b);

  const resubmitIndexes = new Set<number>();
  while (resubmitIndexes.size < options.resubmissions) resubmitIndexes.add(rng.int(0, count - 3));
  let testLeadDone = !options.testLead;
  // Each sold or reserved car went to (at most) one won lead.
  const soldPool = inventory.filter((v) => v.status !== "available");

  createdTimes.forEach((t0, index) => {
    const createdAt = new Date(t0);
    const ageDays = (nowMs - t0) / 86_400_000;
    const source: LeadSource = rng.weighted(SOURCE_WEIGHTS);
    const isTest = !testLeadDone && source === "facebook" && ageDays < 10;
    if (isTest) testLeadDone = true;

    let status: LeadStatus;
    if (isTest) status = "new";
    else if (ageDays < 1.5) status = rng.chance(0.65) ? "new" : "contacted";
    else if (ageDays < 4) status = rng.weighted({ new: 20, contacted: 50, qualified: 30 });
    else status = rng.weighted(OLDER_STATUS_WEIGHTS);

    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const firstName = isTest ? "Test" : first;
    const customerName = isTest ? "<test lead: dummy data for full_name>" : `${first} ${last}`;
    let email = isTest ? "test@fb.com" : "";
    if (!isTest) {
      const base = rng.pick([
        `${emailLocal(first)}.${emailLocal(last)}`,
        `${emailLocal(first)}${emailLocal(last)}`,
        `${emailLocal(first)}.${emailLocal(last)}${rng.int(60, 99)}`,
        `${emailLocal(first).slice(0, 1)}${emailLocal(last)}`,
      ]);
      email = `${base}@${rng.pick(EMAIL_DOMAINS)}`;
      while (usedEmails.has(email)) email = `${base}${rng.int(1, 999)}@${email.split("@")[1]}`;
    }
    usedEmails.add(email);
    const typedEmail =
      !isTest && rng.chance(0.15)
        ? email
            .replace(/^([a-z])|\.([a-z])/g, (m) => m.toUpperCase())
            .replace(/@([a-z])/, (m) => m.toUpperCase())
        : email;
    const hasPhone = isTest || source === "facebook" || rng.chance(0.8);
    const phoneNormalized = isTest || !hasPhone ? null : randomMobile(rng);
    const customerPhone = isTest
      ? "<test lead: dummy data for phone_number>"
      : phoneNormalized && formatPhone(phoneNormalized, rng);

    // What they ask about: mostly a car in stock (available cars more often), sometimes a general wish.
    // Won leads bought a car that is now sold or reserved; the rest mostly ask about a car still for sale.
    const available = inventory.filter((v) => v.status === "available");
    const vehicle =
      status === "won" && soldPool.length > 0
        ? soldPool.splice(rng.int(0, soldPool.length - 1), 1)[0]
        : status === "won" || rng.chance(0.85)
          ? rng.pick(rng.chance(0.9) ? available : inventory)
          : undefined;
    const car = vehicle
      ? vehicleLabel(vehicle)
      : rng.pick(["en elbil til familien", "en brukt elbil", "en 7-seter", "en hybrid stasjonsvogn"]);
    const vehicleInterest = vehicle
      ? vehicleLabel(vehicle)
      : rng.pick(["Elbil, familiebil", "Brukt elbil under 300 000", "7-seter", "Hybrid stasjonsvogn"]);
    const isEv = vehicle ? vehicle.fuelType === "electric" : true;
    const topic = rng.weighted(TOPIC_WEIGHTS);
    const initialMessage = isTest
      ? "<test lead: dummy data for message>"
      : source === "manual"
        ? `Kunden ${rng.pick(["ringte", "var innom butikken", "tok kontakt på messe"])}. ${customerMessage(rng, topic, car, isEv)}`
        : customerMessage(rng, topic, car, isEv);

    const rep = reps[index % reps.length]!;
    const leadId = randomUUID();
    const externalId =
      source === "facebook"
        ? String(1_200_000_000_000_000 + index * 7919 + rng.int(0, 7000))
        : source === "email"
          ? `<${randomUUID().slice(0, 18)}@${rng.pick(["mail.gmail.com", "outlook.com", "toyota.no", "volkswagen.no"])}>`
          : null;
    const portal = rng.pick(dealer.portals);
    const sourceMetadata: Record<string, unknown> =
      source === "website"
        ? { form: "bilside", pageUrl: vehicle?.listingUrl ?? `https://www.${dealer.domain}/kontakt` }
        : source === "email"
          ? {
              from: `${customerName} <${email}>`,
              subject: `Henvendelse fra ${portal}: ${vehicleInterest}`,
              portal,
            }
          : source === "facebook"
            ? {
                leadgenId: externalId,
                formId: "873411296650091",
                pageId: "104889362211387",
                adName: rng.pick(["Elbilkampanje høst", "Bruktbil uke 47", "Prøvekjør Tesla Model Y"]),
                ...(isTest ? { isOrganicTest: true } : {}),
              }
            : { enteredBy: rep.id, channel: "telefon" };

    const lead: LeadRow = {
      id: leadId,
      dealershipId: dealer.id,
      source,
      sourceUrl:
        source === "website" ? (vehicle?.listingUrl ?? `https://www.${dealer.domain}/kontakt`) : null,
      sourceMetadata,
      externalId,
      status,
      customerName,
      customerEmail: typedEmail,
      customerPhone,
      emailNormalized: email.toLowerCase(),
      phoneNormalized,
      vehicleInterest,
      vehicleId: vehicle?.id ?? null,
      initialMessage,
      leadScore: { new: 50, contacted: 55, qualified: 75, won: 90, lost: 25 }[status] + rng.int(-10, 10),
      assignedTo: rep.id,
      isTest,
      lastSubmissionAt: createdAt,
      consentMarketing: (source === "website" || source === "facebook") && rng.chance(0.4),
      createdAt,
      updatedAt: createdAt,
    };
    if (lead.consentMarketing) {
      lead.consentAt = createdAt;
      lead.consentSource = source === "website" ? "website_form" : "facebook_lead_form";
    }

    const inboundChannel = source === "facebook" ? "facebook" : source === "manual" ? "manual" : "email";
    bundle.conversations.push({
      dealershipId: dealer.id,
      leadId,
      channel: inboundChannel,
      direction: "inbound",
      sender: customerName,
      senderType: "customer",
      subject:
        source === "email"
          ? `Henvendelse fra ${portal}: ${vehicleInterest}`
          : `Henvendelse: ${vehicleInterest}`,
      messageContent: initialMessage,
      metadata: source === "website" ? { via: "website_form" } : {},
      createdAt,
    });
    bundle.events.push(
      {
        dealershipId: dealer.id,
        leadId,
        type: "lead.created",
        actorType: "system",
        data: { source },
        createdAt,
      },
      {
        dealershipId: dealer.id,
        leadId,
        type: "lead.assigned",
        actorType: "system",
        data: { assignedTo: rep.id, assignedToName: rep.name },
        createdAt: new Date(t0 + 1000),
      },
    );
    bundle.statusHistory.push({
      dealershipId: dealer.id,
      leadId,
      oldStatus: null,
      newStatus: "new",
      changedAt: createdAt,
    });

    let lastTouch = t0;
    let lastContact: number | undefined;
    const statusChange = (from: LeadStatus, to: LeadStatus, at: number, byRep: boolean) => {
      bundle.statusHistory.push({
        dealershipId: dealer.id,
        leadId,
        oldStatus: from,
        newStatus: to,
        changedBy: byRep ? rep.id : null,
        changedAt: new Date(at),
      });
      bundle.events.push({
        dealershipId: dealer.id,
        leadId,
        type: "lead.status_changed",
        actorType: byRep ? "user" : "ai",
        actorUserId: byRep ? rep.id : null,
        data: { from, to },
        createdAt: new Date(at),
      });
      lastTouch = Math.max(lastTouch, at);
    };

    if (resubmitIndexes.has(index) && !isTest) {
      const again = Math.min(t0 + rng.int(2, 30) * 3_600_000, nowMs - 60_000);
      lead.submissionCount = 2;
      lead.lastSubmissionAt = new Date(again);
      lead.sourceMetadata = {
        ...sourceMetadata,
        submissions: [{ at: createdAt.toISOString() }, { at: new Date(again).toISOString() }],
      };
      bundle.conversations.push({
        dealershipId: dealer.id,
        leadId,
        channel: inboundChannel,
        direction: "inbound",
        sender: customerName,
        senderType: "customer",
        subject: `Henvendelse: ${vehicleInterest}`,
        messageContent: `Sender en gang til i tilfelle den første ikke kom frem. ${initialMessage}`,
        createdAt: new Date(again),
      });
      bundle.events.push({
        dealershipId: dealer.id,
        leadId,
        type: "lead.merged",
        actorType: "system",
        data: { submissionCount: 2 },
        createdAt: new Date(again),
      });
      lastTouch = Math.max(lastTouch, again);
    }

    if (status !== "new") {
      // Autopilot: AI answers within the 90-second target, now and then a little slower.
      const seconds = rng.chance(0.9) ? rng.int(18, 85) : rng.int(95, 240);
      const t1 = t0 + seconds * 1000;
      const clock = osloClock(createdAt);
      const afterHours = clock.hour >= 17 || clock.hour < 9 || clock.weekday === 0;
      const replyId = randomUUID();
      bundle.conversations.push({
        id: replyId,
        dealershipId: dealer.id,
        leadId,
        channel: "email",
        direction: "outbound",
        sender: dealer.name,
        senderType: "ai",
        subject: `Re: ${vehicleInterest}`,
        messageContent: aiReply(topic, firstName, car, rep.name, dealer, afterHours),
        metadata: { generatedBy: "demo-seed" },
        deliveryStatus: "delivered",
        deliveredAt: new Date(t1 + 2000),
        createdAt: new Date(t1),
      });
      bundle.events.push({
        dealershipId: dealer.id,
        leadId,
        type: "ai.reply_sent",
        actorType: "ai",
        data: { conversationId: replyId, responseSeconds: seconds },
        createdAt: new Date(t1),
      });
      lead.firstResponseAt = new Date(t1);
      lead.firstResponseSeconds = seconds;
      lastContact = t1;
      statusChange("new", "contacted", t1, false);

      // Later steps happen somewhere between the AI reply and now, in order.
      let t = t1;
      // People (salespeople and customers) write in the daytime and evening, not at 04:00.
      const later = (maxShare: number) => {
        const next = t + Math.floor((nowMs - t) * (0.05 + rng.next() * maxShare));
        const shifted = intoWakingHours(next);
        t = shifted < nowMs ? shifted : next;
        return t;
      };
      const followUp = status !== "contacted" || rng.chance(0.4);
      if (followUp) {
        later(0.15);
        bundle.conversations.push({
          dealershipId: dealer.id,
          leadId,
          channel: phoneNormalized && rng.chance(0.5) ? "sms" : "email",
          direction: "outbound",
          sender: rep.name,
          senderType: "human",
          senderUserId: rep.id,
          messageContent: humanFollowUp(rng, firstName, car, rep, dealer),
          deliveryStatus: "delivered",
          deliveredAt: new Date(t + 3000),
          createdAt: new Date(t),
        });
        lastContact = t;
      }
      if (status === "qualified" || status === "won" || (status === "lost" && rng.chance(0.5))) {
        later(0.2);
        bundle.conversations.push({
          dealershipId: dealer.id,
          leadId,
          channel: "email",
          direction: "inbound",
          sender: customerName,
          senderType: "customer",
          messageContent: rng.pick(CUSTOMER_REPLIES.qualified),
          createdAt: new Date(t),
        });
        later(0.1);
        statusChange("contacted", "qualified", t, true);
      }
      const current = (): LeadStatus => bundle.statusHistory[bundle.statusHistory.length - 1]!.newStatus;
      if (status === "won") {
        later(0.3);
        bundle.conversations.push({
          dealershipId: dealer.id,
          leadId,
          channel: "email",
          direction: "inbound",
          sender: customerName,
          senderType: "customer",
          messageContent: rng.pick(CUSTOMER_REPLIES.won),
          createdAt: new Date(t),
        });
        later(0.1);
        bundle.conversations.push({
          dealershipId: dealer.id,
          leadId,
          channel: "email",
          direction: "outbound",
          sender: rep.name,
          senderType: "human",
          senderUserId: rep.id,
          messageContent: `Hei ${firstName}! ${rng.pick(WON_MESSAGES)} Hilsen ${rep.name}, ${dealer.name}`,
          deliveryStatus: "delivered",
          deliveredAt: new Date(t + 3000),
          createdAt: new Date(t),
        });
        lastContact = t;
        statusChange(current(), "won", t, true);
        lead.convertedAt = new Date(t);
      }
      if (status === "lost") {
        later(0.4);
        bundle.conversations.push({
          dealershipId: dealer.id,
          leadId,
          channel: "email",
          direction: "inbound",
          sender: customerName,
          senderType: "customer",
          messageContent: rng.pick(CUSTOMER_REPLIES.lost),
          createdAt: new Date(t),
        });
        later(0.1);
        statusChange(current(), "lost", t, true);
      }
      lastTouch = Math.max(lastTouch, t);
    }

    lead.lastContactAt = lastContact ? new Date(lastContact) : null;
    lead.updatedAt = new Date(lastTouch);
    bundle.leads.push(lead);
  });
  return bundle;
}

// ---------------------------------------------------------------------------------------------------------------

async function insertUsers(tx: Tx, dealershipId: string, seeds: UserSeed[], passwordHash: string, now: Date) {
  const rows: UserRow[] = seeds.map((u) => ({
    id: randomUUID(),
    dealershipId,
    email: u.email,
    name: u.name,
    phone: u.phone,
    // The demo's staff have typed their SMS codes: notifyRep texts verified numbers only.
    phoneVerifiedAt: now,
    role: u.role,
    passwordHash,
    emailVerifiedAt: now,
  }));
  await tx.insert(users).values(rows);
  return rows.map((r) => ({ id: r.id!, name: r.name, role: r.role!, phone: r.phone! }));
}

function repsOf(rows: { id: string; name: string; role: UserRole; phone: string }[]): RepContext[] {
  return rows
    .filter((u) => u.role === "sales_rep")
    .map((u) => ({
      id: u.id,
      name: u.name,
      phoneDisplay: `${u.phone.slice(3, 6)} ${u.phone.slice(6, 8)} ${u.phone.slice(8)}`,
    }));
}

async function insertBundle(tx: Tx, bundle: LeadBundle) {
  // Leads first (conversations, events and history reference them); chunks keep statements well under the
  // 65 535 bind-parameter limit.
  const chunk = <T>(rows: T[], size = 200): T[][] =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
  for (const part of chunk(bundle.leads)) await tx.insert(leads).values(part);
  for (const part of chunk(bundle.conversations)) await tx.insert(conversations).values(part);
  for (const part of chunk(bundle.events)) await tx.insert(leadEvents).values(part);
  for (const part of chunk(bundle.statusHistory)) await tx.insert(leadStatusHistory).values(part);
}

/**
 * The follow-ups the demo's older leads already got (issue 19's default rule: day 3 and day 7 after the first
 * reply), so the lead pages and the Analyse page's follow-up effect have a history: a step went out only while
 * nobody had written to the lead since the first reply (a person's message or the customer's stops the chain).
 * Every third customer who got step 1 (by first-reply time) answered it the next day.
 */
async function insertSentFollowUps(tx: Tx, dealershipId: string, now: Date) {
  const at = now.toISOString();
  const firstReplies = sql`
    select distinct on (c.lead_id) c.lead_id, c.created_at as at, l.customer_name
      from conversations c join leads l on l.id = c.lead_id and l.dealership_id = c.dealership_id
     where c.dealership_id = ${dealershipId} and c.direction = 'outbound' and c.sender_type = 'ai'
       and l.status in ('contacted', 'lost')
     order by c.lead_id, c.created_at`;
  // Nobody wrote to the lead (the customer, or a person at the dealership) between the first reply and `days` later.
  const quietFor = (days: SQL) => sql`not exists (
    select 1 from conversations m where m.lead_id = r.lead_id and m.dealership_id = ${dealershipId}
       and m.created_at > r.at and m.created_at < r.at + interval '1 day' * ${days}
       and (m.direction = 'inbound' or m.sender_type = 'human'))`;
  // The answers to step 1 first, so step 2 is not sent to those who answered.
  await tx.execute(sql`
    insert into conversations (dealership_id, lead_id, channel, direction, sender, sender_type, subject,
                               message_content, metadata, created_at)
    select ${dealershipId}, r.lead_id, 'email', 'inbound', coalesce(r.customer_name, 'Kunde'), 'customer',
           'Re: Fortsatt interessert?', 'Takk for påminnelsen! Ja, jeg er fortsatt interessert – ring meg gjerne.',
           '{}'::jsonb, r.at + interval '4 days'
      from (select r.*, row_number() over (order by r.at, r.lead_id) as n
              from (${firstReplies}) r
             where r.at + interval '4 days' < ${at}::timestamptz and ${quietFor(sql`4`)}) r
     where r.n % 3 = 1`);
  await tx.execute(sql`
    with due as (
      select r.lead_id, r.at, s.step, r.at + interval '1 day' * s.days as sent_at
        from (${firstReplies}) r cross join (values (1, 3), (2, 7)) s(step, days)
       where r.at + interval '1 day' * s.days < ${at}::timestamptz and ${quietFor(sql`s.days`)}),
    sent as (
      insert into conversations (dealership_id, lead_id, channel, direction, sender, sender_type, subject,
                                 message_content, delivery_status, metadata, created_at)
      select ${dealershipId}, due.lead_id, 'email', 'outbound', 'AI', 'ai', 'Fortsatt interessert?',
             'Hei! Vi svarte på henvendelsen din for noen dager siden, og ville høre om du fortsatt er interessert. '
               || 'Svar gjerne på denne e-posten, så tar en selger kontakt med deg.',
             'sent', jsonb_build_object('kind', 'follow_up', 'step', due.step, 'consentBasis', 'service_inquiry',
                                        'responder', 'builtin'), due.sent_at
        from due
      returning id, lead_id, created_at, (metadata ->> 'step')::int as step)
    insert into follow_ups (dealership_id, lead_id, kind, step, channel, due_at, status, sent_at, consent_basis,
                            conversation_id, created_at, updated_at)
    select ${dealershipId}, sent.lead_id, 'message', sent.step, 'email', sent.created_at, 'sent', sent.created_at,
           'service_inquiry', sent.id, sent.created_at, sent.created_at
      from sent`);
}

export async function seedDemo(options: SeedDemoOptions): Promise<{ created: boolean }> {
  const log = options.log ?? ((line: string) => getLogger("seed").info(line));
  const existing = await withSystem((tx) =>
    tx.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.slug, DEMO_SLUG)).limit(1),
  );
  if (existing.length > 0) {
    log(`Demo data already present (dealership "${DEMO_SLUG}"): nothing to do.`);
    return { created: false };
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rng = createRng(SEED);
  const now = new Date();

  const fjordbil: DealerContext = {
    id: randomUUID(),
    name: "Fjordbil AS",
    slug: DEMO_SLUG,
    email: "post@fjordbil.no",
    phone: "+4722334455",
    phoneDisplay: "22 33 44 55",
    domain: "fjordbil.no",
    portals: ["toyota.no", "volkswagen.no", "finn.no"],
  };
  const vestland: DealerContext = {
    id: randomUUID(),
    name: "Vestland Bil AS",
    slug: "vestland-bil",
    email: "post@vestlandbil.no",
    phone: "+4755201030",
    phoneDisplay: "55 20 10 30",
    domain: "vestlandbil.no",
    portals: ["finn.no", "kia.no"],
  };

  const summary = await withSystem(async (tx) => {
    // Re-check inside the transaction: two seeds started at once must not both insert.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('norvalt:seed-demo'))`);
    const again = await tx
      .select({ id: dealerships.id })
      .from(dealerships)
      .where(eq(dealerships.slug, DEMO_SLUG));
    if (again.length > 0) return undefined;

    await tx.insert(dealerships).values([
      {
        id: fjordbil.id,
        name: fjordbil.name,
        slug: fjordbil.slug,
        email: fjordbil.email,
        phone: fjordbil.phone,
        address: "Økernveien 145, 0580 Oslo",
        city: "Oslo",
        formKey: options.formKey,
        inboundEmailLocalPart: "fjordbil-demo",
        aiMode: "autopilot",
        subscriptionTier: "pro",
        branding: {
          primaryColor: "#0F4C81",
          emailSignature: `Med vennlig hilsen\n${fjordbil.name}\nØkernveien 145, 0580 Oslo · ${fjordbil.phoneDisplay}`,
        },
      },
      {
        id: vestland.id,
        name: vestland.name,
        slug: vestland.slug,
        email: vestland.email,
        phone: vestland.phone,
        address: "Kanalveien 54, 5068 Bergen",
        city: "Bergen",
        formKey: "vestland-demo",
        inboundEmailLocalPart: "vestland-demo",
        aiMode: "draft",
        branding: {
          primaryColor: "#1B5E20",
          emailSignature: `Med vennlig hilsen\n${vestland.name}\nKanalveien 54, 5068 Bergen · ${vestland.phoneDisplay}`,
        },
      },
    ]);

    const fjordbilUsers = await insertUsers(tx, fjordbil.id, FJORDBIL_USERS, passwordHash, now);
    const vestlandUsers = await insertUsers(tx, vestland.id, VESTLAND_USERS, passwordHash, now);

    const fjordbilCars = buildVehicles(rng, fjordbil, FJORDBIL_CARS, now);
    const vestlandCars = buildVehicles(rng, vestland, VESTLAND_CARS, now);
    await tx.insert(vehicles).values([...fjordbilCars, ...vestlandCars]);

    const fjordbilLeads = generateLeads(rng, fjordbil, repsOf(fjordbilUsers), fjordbilCars, 60, now, {
      testLead: true,
      resubmissions: 2,
    });
    const vestlandLeads = generateLeads(rng, vestland, repsOf(vestlandUsers), vestlandCars, 10, now, {
      testLead: false,
      resubmissions: 0,
    });
    await insertBundle(tx, fjordbilLeads);
    await insertBundle(tx, vestlandLeads);
    await insertSentFollowUps(tx, fjordbil.id, now);

    await tx.insert(apiKeys).values({
      dealershipId: fjordbil.id,
      name: "Demo-nøkkel",
      prefix: options.apiKey.slice(0, 11),
      keyHash: hashToken(options.apiKey),
      createdBy: fjordbilUsers.find((u) => u.role === "admin")?.id ?? null,
    });

    return {
      users: fjordbilUsers.length + vestlandUsers.length,
      vehicles: fjordbilCars.length + vestlandCars.length,
      leads: fjordbilLeads.leads.length + vestlandLeads.leads.length,
      conversations: fjordbilLeads.conversations.length + vestlandLeads.conversations.length,
    };
  });

  if (!summary) {
    log(`Demo data already present (dealership "${DEMO_SLUG}"): nothing to do.`);
    return { created: false };
  }
  log(
    `Demo data created: 2 dealerships, ${summary.users} users, ${summary.vehicles} vehicles, ` +
      `${summary.leads} leads, ${summary.conversations} messages, 1 API key.`,
  );
  log(
    `Log in as admin@fjordbil.no (or leder@, selger1@, selger2@fjordbil.no) with password "${DEMO_PASSWORD}".`,
  );
  return { created: true };
}
