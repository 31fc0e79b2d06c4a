import type { DraftReply, ReplyContext, ReplyVehicle } from "./reply-types.ts";
import { CLAIM_UNDONE_BEFORE, STOCK_CLAIM_PATTERNS } from "./guardrail-phrases.ts";
import { canonicalMake, findCarMakes, scoreVehicleMatch } from "./match-vehicles.ts";
import { foldText, joinedNgrams, splitSentences, tokenize } from "./normalize-text.ts";

/*
 * "Never claims a sold or unknown car is in stock." A reply is read clause by clause; each clause that says a car
 * is available ("er ledig", "på lager", "still available", …) is tied to the car it is about — the cars the
 * clause names, else the car named last before it, else the first cited car — and that car must be a cited
 * AVAILABLE car from the context. A clause that names a make or a model code ("A6", "XC60") the context does not
 * hold is about an unknown car and may claim nothing.
 */

const CLAUSE_BREAK = /,\s+|;\s*|:\s+|\s[-–]\s|\s(?:men|but|mens|while|however|derimot)\s/i;
const ALL_OF_THEM = /\b(begge|both|alle|all|disse|these)\b/;
const MODEL_CODE = /^([a-z]{1,3}\d{1,3}[a-z]?|\d{3}[a-z]{1,2})$/;

/** One detail per broken claim, empty when every availability claim is backed by a cited available car. */
export function findStockClaimViolations(text: string, reply: DraftReply, ctx: ReplyContext): string[] {
  const known = new Set(ctx.vehicles.map((v) => v.id));
  const details = reply.citedVehicleIds
    .filter((id) => !known.has(id))
    .map((id) => `cites vehicle id "${id}", which is not among the matched inventory cars`);
  const cited = ctx.vehicles.filter((v) => reply.citedVehicleIds.includes(v.id));
  const unknownCodes = findUnknownModelCodes(ctx);
  const stockedMakes = new Set(ctx.vehicles.map((v) => canonicalMake(v.make)));
  let lastNamed: ReplyVehicle[] = [];

  for (const sentence of splitSentences(text)) {
    const namedInSentence: ReplyVehicle[] = [];
    for (const clause of sentence.split(CLAUSE_BREAK)) {
      const named = findNamedVehicles(clause, ctx.vehicles);
      namedInSentence.push(...named);
      if (named.length > 0) lastNamed = named;
      const claim = findClaim(foldText(clause));
      if (!claim) continue;
      const unknownCar =
        [...findCarMakes(clause)].some((make) => !stockedMakes.has(make)) ||
        [...joinedNgrams(tokenize(clause), 2)].some((gram) => unknownCodes.has(gram));
      const about = named.length
        ? named
        : narrowByYear(clause, guessReferents(clause, namedInSentence, lastNamed, cited));
      const backed = (v: ReplyVehicle) => v.status === "available" && cited.includes(v);
      const ok =
        !unknownCar && about.length > 0 && (isOneModel(about) ? about.some(backed) : about.every(backed));
      if (!ok) details.push(`"${claim}" ${describeReferent(about, unknownCar, cited)}`);
    }
  }
  return details;
}

/** A clause that names no car speaks of "both" named in its sentence, else the last car named, else the first cited. */
function guessReferents(
  clause: string,
  namedInSentence: ReplyVehicle[],
  lastNamed: ReplyVehicle[],
  cited: ReplyVehicle[],
): ReplyVehicle[] {
  if (ALL_OF_THEM.test(foldText(clause)) && namedInSentence.length) return namedInSentence;
  return lastNamed.length ? lastNamed : cited.slice(0, 1);
}

function findClaim(foldedClause: string): string | null {
  for (const pattern of STOCK_CLAIM_PATTERNS) {
    const match = pattern.exec(foldedClause);
    if (!match) continue;
    const lead = foldedClause.slice(Math.max(0, match.index - 30), match.index + match[0].length);
    if (!CLAIM_UNDONE_BEFORE.test(lead)) return match[0].trim();
  }
  return null;
}

/** The context cars a clause names by model (a year in the clause narrows them), else by make alone. */
function findNamedVehicles(clause: string, vehicles: ReplyVehicle[]): ReplyVehicle[] {
  const scored = vehicles.map((vehicle) => ({ vehicle, match: scoreVehicleMatch(clause, vehicle) }));
  const byModel = scored.filter((s) => s.match.model).map((s) => s.vehicle);
  const named = byModel.length ? byModel : scored.filter((s) => s.match.make).map((s) => s.vehicle);
  return narrowByYear(clause, named);
}

/** The cars of the year the clause mentions ("en fra 2022 som er ledig"), or all of them when it names none. */
function narrowByYear(clause: string, vehicles: ReplyVehicle[]): ReplyVehicle[] {
  const years = new Set(
    tokenize(clause)
      .filter((t) => /^(19|20)\d\d$/.test(t))
      .map(Number),
  );
  const sameYear = vehicles.filter((v) => v.year != null && years.has(v.year));
  return sameYear.length ? sameYear : vehicles;
}

/** Model codes the customer wrote that no context car carries: "A6" asked for, only a Q4 in stock. */
function findUnknownModelCodes(ctx: ReplyContext): Set<string> {
  const ours = new Set(
    ctx.vehicles.flatMap((v) => [...joinedNgrams(tokenize(`${v.make} ${v.model} ${v.variant ?? ""}`), 2)]),
  );
  const asked = joinedNgrams(tokenize(`${ctx.lead.vehicleInterest ?? ""} ${ctx.lead.message ?? ""}`), 2);
  return new Set([...asked].filter((gram) => MODEL_CODE.test(gram) && !ours.has(gram)));
}

/** Cars of one make and model: a claim about "the ID.4" is fine when one of them is cited and for sale. */
function isOneModel(vehicles: ReplyVehicle[]): boolean {
  return new Set(vehicles.map((v) => foldText(`${v.make}|${v.model}`))).size === 1;
}

function describeReferent(about: ReplyVehicle[], unknownCar: boolean, cited: ReplyVehicle[]): string {
  if (unknownCar) return "about a car that is not in the matched inventory";
  if (about.length === 0) return "with no cited available car";
  const describe = (v: ReplyVehicle) =>
    `${v.make} ${v.model} (${v.status}${cited.includes(v) ? "" : ", not cited"})`;
  return `about ${about.map(describe).join(", ")}`;
}
