import { hasSearchCriteria, type LeadFacts, type SearchCriteria } from "./lead-facts.ts";
import { canonicalMake, matchVehicles, scoreVehicleMatch } from "./match-vehicles.ts";
import type { ReplyVehicle } from "./reply-types.ts";

/*
 * Search the stock by what the lead says. Two answers: the car the customer named (available, reserved, sold, or
 * not in stock at all), and 1–3 AVAILABLE cars ranked by the criteria, each with the criteria it meets. A sold or
 * reserved car is never a match. When no car meets every criterion the closest ones are offered, marked inexact,
 * so the reply can say so instead of pretending.
 */

export type Criterion =
  | "model"
  | "make"
  | "body"
  | "fuel"
  | "budget"
  | "drivetrain"
  | "towbar"
  | "seats"
  | "range"
  | "year"
  | "mileage"
  | "transmission"
  | "family";

export type StockMatch = { vehicle: ReplyVehicle; reasons: Criterion[]; exact: boolean };
export type StockSearch = {
  /** The car the customer named, and whether we have it; null when they named none. */
  named: { text: string; car: ReplyVehicle | null; state: ReplyVehicle["status"] | "not_in_stock" } | null;
  /** Available cars that fit, best first, at most MAX_MATCHES; never the named car itself. */
  matches: StockMatch[];
};

export const MAX_MATCHES = 3;
const FAMILY_BODIES = new Set(["suv", "station_wagon", "mpv"]);

export function searchStock(
  facts: LeadFacts,
  lead: { vehicleInterest: string | null; message: string | null },
  inventory: ReplyVehicle[],
): StockSearch {
  const named = findNamedCar(facts, lead, inventory);
  const criteria = criteriaFor(facts.criteria, named?.car ?? null);
  // Nothing to search by, and the named car is for sale: the reply is about that car alone.
  if (!hasSearchCriteria(criteria) && criteria.makes.length === 0 && !named?.car)
    return { named, matches: [] };
  if (named?.state === "available" && !hasSearchCriteria(facts.criteria)) return { named, matches: [] };
  const scored = inventory
    .filter((v) => v.status === "available" && v.id !== named?.car?.id)
    .map((vehicle, index) => ({ vehicle, index, ...scoreAgainst(criteria, vehicle, named?.car ?? null) }))
    .filter((s) => s.passed.length > 0);
  scored.sort(
    (a, b) =>
      a.failed - b.failed ||
      b.passed.length - a.passed.length ||
      b.similarity - a.similarity ||
      (a.vehicle.priceNok ?? Infinity) - (b.vehicle.priceNok ?? Infinity) ||
      a.index - b.index,
  );
  const exact = scored.filter((s) => s.failed === 0);
  const chosen = exact.length > 0 ? exact.slice(0, MAX_MATCHES) : scored.slice(0, 2);
  return {
    named,
    matches: chosen.map((s) => ({ vehicle: s.vehicle, reasons: s.passed, exact: s.failed === 0 })),
  };
}

function findNamedCar(
  facts: LeadFacts,
  lead: { vehicleInterest: string | null; message: string | null },
  inventory: ReplyVehicle[],
): StockSearch["named"] {
  const text = facts.criteria.namedCar ?? lead.vehicleInterest?.trim() ?? null;
  const ranked = matchVehicles(lead.vehicleInterest, lead.message, inventory);
  const leadText = [lead.vehicleInterest, lead.message].filter(Boolean).join("\n");
  const byModel = ranked.filter((v) => scoreVehicleMatch(leadText, v).model);
  const car = byModel[0] ?? null;
  if (car) return { text: text ?? `${car.make} ${car.model}`, car, state: car.status };
  // A make and a model word we do not stock ("Kia EV9"): say plainly it is not in stock.
  if (text && facts.criteria.namedCar && facts.criteria.namedCar.trim().split(/\s+/).length > 1) {
    return { text: facts.criteria.namedCar, car: null, state: "not_in_stock" };
  }
  return null;
}

/** The customer's criteria, or for an unavailable named car without any, that car's make, body and fuel. */
function criteriaFor(criteria: SearchCriteria, namedCar: ReplyVehicle | null): SearchCriteria {
  if (hasSearchCriteria(criteria) || !namedCar || namedCar.status === "available") return criteria;
  return {
    ...criteria,
    makes: [canonicalMake(namedCar.make)],
    bodyTypes: namedCar.bodyType ? [namedCar.bodyType as SearchCriteria["bodyTypes"][number]] : [],
    fuels: namedCar.fuelType ? [namedCar.fuelType as SearchCriteria["fuels"][number]] : [],
  };
}

function scoreAgainst(
  c: SearchCriteria,
  v: ReplyVehicle,
  named: ReplyVehicle | null,
): { passed: Criterion[]; failed: number; similarity: number } {
  const passed: Criterion[] = [];
  let failed = 0;
  const check = (criterion: Criterion, ok: boolean | null) => {
    if (ok) passed.push(criterion);
    else failed++;
  };
  if (c.makes.length) check("make", c.makes.includes(canonicalMake(v.make)));
  if (c.bodyTypes.length) check("body", v.bodyType != null && c.bodyTypes.includes(v.bodyType as never));
  if (c.fuels.length) check("fuel", v.fuelType != null && c.fuels.includes(v.fuelType as never));
  if (c.budgetMax != null || c.budgetMin != null) {
    check(
      "budget",
      v.priceNok != null &&
        (c.budgetMax == null || v.priceNok <= c.budgetMax) &&
        (c.budgetMin == null || v.priceNok >= c.budgetMin),
    );
  }
  if (c.drivetrain) check("drivetrain", v.drivetrain === c.drivetrain);
  if (c.towbar) check("towbar", v.towbar === true);
  const seatsWanted = c.seatsMin ?? null;
  if (seatsWanted != null) check("seats", v.seats != null && v.seats >= seatsWanted);
  if (c.family && seatsWanted == null) {
    check("family", (v.seats == null || v.seats >= 5) && v.bodyType != null && FAMILY_BODIES.has(v.bodyType));
  }
  if (c.rangeMinKm != null) check("range", v.rangeKm != null && v.rangeKm >= c.rangeMinKm);
  else if (c.rangeImportant && v.rangeKm != null && v.rangeKm >= 400) passed.push("range");
  if (c.yearMin != null) check("year", v.year != null && v.year >= c.yearMin);
  if (c.mileageMaxKm != null) check("mileage", v.mileageKm != null && v.mileageKm <= c.mileageMaxKm);
  if (c.transmission) check("transmission", v.transmission === c.transmission);
  let similarity = 0;
  if (named) {
    if (canonicalMake(named.make) === canonicalMake(v.make)) similarity += 2;
    if (named.model === v.model) similarity += 3;
    if (named.bodyType && named.bodyType === v.bodyType) similarity += 1;
    if (named.fuelType && named.fuelType === v.fuelType) similarity += 1;
    if (named.priceNok != null && v.priceNok != null)
      similarity -= Math.abs(named.priceNok - v.priceNok) / 1_000_000;
  }
  return { passed, failed, similarity };
}

/** How many cars matched by name a responder sees besides the search's: the few best, so the prompt stays small. */
const MATCHES_SHOWN = 5;

/** Every car a reply may cite: the named car and the search's cars first, then the other cars matched by name. */
export function vehiclesForReply(
  stock: StockSearch,
  lead: { vehicleInterest: string | null; message: string | null },
  inventory: ReplyVehicle[],
): ReplyVehicle[] {
  const matched = matchVehicles(lead.vehicleInterest, lead.message, inventory).slice(0, MATCHES_SHOWN);
  return [
    ...(stock.named?.car ? [stock.named.car] : []),
    ...stock.matches.map((m) => m.vehicle),
    ...matched,
  ].filter((v, i, all) => all.findIndex((w) => w.id === v.id) === i);
}
