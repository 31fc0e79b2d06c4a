import type {
  VehicleBodyType,
  VehicleDrivetrain,
  VehicleFuel,
  VehicleTransmission,
} from "../../db/schema/enums.ts";

// Tolerant readers for what dealers type in spreadsheets, DMS exports and feeds: Norwegian and English words for
// the attribute codes, and numbers written the Norwegian way ("349 900,-", "ca 45 000", U+00A0 thousands).

/** Lower case, accents kept (æøå), spaces/underscores/hyphens/slashes folded to one space. */
export const foldWord = (raw: string) =>
  raw
    .trim()
    .toLowerCase()
    .replace(/[\s_\-/\u00a0\u202f]+/g, " ")
    .trim();

const word = (map: Record<string, string[]>) => {
  const lookup = new Map<string, string>();
  for (const [code, words] of Object.entries(map))
    for (const w of [code, ...words]) lookup.set(foldWord(w), code);
  return (raw: string) => lookup.get(foldWord(raw));
};

export const readFuel = word({
  electric: ["elektrisitet", "elektrisk", "el", "elbil", "ev", "bev", "strøm"],
  plug_in_hybrid: ["ladbar hybrid", "plug-in hybrid", "plugin hybrid", "phev", "ladbar"],
  hybrid: ["hev", "hybrid bensin", "hybrid diesel", "mild hybrid"],
  petrol: ["bensin", "gasoline", "gas"],
  diesel: [],
  hydrogen: ["hydrogen", "fcev"],
  other: ["annet", "gass", "lpg", "cng"],
}) as (raw: string) => VehicleFuel | undefined;

export const readTransmission = word({
  automatic: ["automat", "automatisk", "auto", "at"],
  manual: ["manuell", "manuelt", "mt"],
}) as (raw: string) => VehicleTransmission | undefined;

export const readDrivetrain = word({
  awd: ["firehjulsdrift", "4x4", "4wd", "allhjulsdrift", "4 wd", "4matic", "quattro", "xdrive", "4motion"],
  fwd: ["forhjulsdrift"],
  rwd: ["bakhjulsdrift"],
}) as (raw: string) => VehicleDrivetrain | undefined;

export const readBodyType = word({
  suv: ["suv offroad", "offroad", "terrenggående"],
  station_wagon: ["stasjonsvogn", "estate", "station wagon", "kombi stasjonsvogn", "touring"],
  sedan: ["sedan"],
  hatchback: ["kombi 5 dørs", "kombi 3 dørs", "kombi", "kombikupé", "kombikupe"],
  mpv: ["flerbruksbil", "minibuss", "mpv"],
  coupe: ["kupé", "kupe", "coupé"],
  convertible: ["cabriolet", "kabriolet", "cabrio"],
  pickup: ["pick up"],
  van: ["varebil", "varevogn"],
}) as (raw: string) => VehicleBodyType | undefined;

export const readStatus = word({
  available: ["til salgs", "tilgjengelig", "ledig", "for sale", "på lager", "aktiv"],
  reserved: ["reservert", "solgt ikke levert"],
  sold: ["solgt", "utsolgt"],
}) as (raw: string) => "available" | "reserved" | "sold" | undefined;

export const readBoolean = word({
  true: ["ja", "yes", "x", "1", "y", "j"],
  false: ["nei", "no", "0", "n", "-"],
});

/** Every Unicode space separator, incl. U+00A0 and U+202F, plus the apostrophe some exports use for thousands. */
const SPACES = /[\s\p{Zs}']/gu;

export type ParsedNumber = { value: number; approximate?: boolean } | { error: "not_a_number" | "negative" };

/**
 * "349 900,-" → 349900, "349.900" → 349900, "1 234,50" → 1235, "ca 45 000" → 45000 (approximate). Negative
 * numbers are an error, never their absolute value.
 */
export function readWholeNumber(raw: string | number): ParsedNumber {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { error: "not_a_number" };
    return raw < 0 ? { error: "negative" } : { value: Math.round(raw) };
  }
  let text = raw.toLowerCase().replace(SPACES, "");
  let approximate = false;
  const approx = text.match(/^(ca\.?|cirka|ca:|~)/);
  if (approx) {
    approximate = true;
    text = text.slice(approx[0].length);
  }
  text = text.replace(/^(kr\.?|nok)/, "").replace(/(kr\.?|nok|km|mil)$/, "");
  text = text.replace(/,-+$/, "").replace(/\.-+$/, "");
  if (/^-/.test(text) && /\d/.test(text)) return { error: "negative" };
  // 349.900 / 1.234.567: dots as thousands separators; a single comma is the decimal comma.
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) text = text.replace(/\./g, "");
  text = text.replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(text)) return { error: "not_a_number" };
  return { value: Math.round(Number(text)), ...(approximate && { approximate }) };
}
