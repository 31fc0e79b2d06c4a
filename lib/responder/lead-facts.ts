import type { VehicleBodyType, VehicleDrivetrain, VehicleFuel } from "../../db/schema/enums.ts";

/*
 * What a lead says, as typed facts: read once by readLead and used by both responders, the e-mail classifier, the
 * rep SMS and the lead page, so they all agree on what the customer asked.
 */

export type LeadLanguage = "nb" | "nn" | "en";

/** Every thing a customer may ask for; several may hold at once. */
export const FACT_INTENTS = [
  "price",
  "availability",
  "test_drive",
  "trade_in",
  "financing",
  "reservation",
  "delivery",
  "service",
  "callback",
  "opt_out",
  "complaint",
  "browse",
] as const;
export type FactIntent = (typeof FACT_INTENTS)[number];

/** A day and time the customer asked for: "lørdag kl. 11", "i kveld etter 18", "mellom 16 og 18". */
export type RequestedTime = {
  /** mon … sun, or a relative day. */
  day: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun" | "today" | "tomorrow" | "weekend" | null;
  partOfDay: "morning" | "afternoon" | "evening" | null;
  /** Minutes after midnight. */
  at: number | null;
  after: number | null;
  before: number | null;
};

export type SearchCriteria = {
  /** Canonical makes named ("volkswagen", "mercedesbenz"). */
  makes: string[];
  /** The customer's words for the car they named ("Tesla Model Y"), if any. */
  namedCar: string | null;
  bodyTypes: VehicleBodyType[];
  fuels: VehicleFuel[];
  /** Whole NOK. */
  budgetMax: number | null;
  budgetMin: number | null;
  drivetrain: VehicleDrivetrain | null;
  towbar: boolean;
  seatsMin: number | null;
  /** Kilometres; `rangeImportant` without a number ("god vinterrekkevidde"). */
  rangeMinKm: number | null;
  rangeImportant: boolean;
  yearMin: number | null;
  mileageMaxKm: number | null;
  transmission: "automatic" | "manual" | null;
  /** "familiebil", "family car": room for a family (5+ seats, SUV/stasjonsvogn/flerbruksbil). */
  family: boolean;
};

export type LeadFacts = {
  language: LeadLanguage;
  /** In the order the customer raised them; ["browse"] when nothing specific. */
  intents: FactIntent[];
  criteria: SearchCriteria;
  testDrive: RequestedTime | null;
  callback: RequestedTime | null;
};

export const NO_CRITERIA: SearchCriteria = {
  makes: [],
  namedCar: null,
  bodyTypes: [],
  fuels: [],
  budgetMax: null,
  budgetMin: null,
  drivetrain: null,
  towbar: false,
  seatsMin: null,
  rangeMinKm: null,
  rangeImportant: false,
  yearMin: null,
  mileageMaxKm: null,
  transmission: null,
  family: false,
};

/** Whether the customer described the car they want (anything a stock search can use besides a named car). */
export function hasSearchCriteria(c: SearchCriteria): boolean {
  return (
    c.bodyTypes.length > 0 ||
    c.fuels.length > 0 ||
    c.budgetMax != null ||
    c.budgetMin != null ||
    c.drivetrain != null ||
    c.towbar ||
    c.seatsMin != null ||
    c.rangeMinKm != null ||
    c.rangeImportant ||
    c.yearMin != null ||
    c.mileageMaxKm != null ||
    c.transmission != null ||
    c.family
  );
}
