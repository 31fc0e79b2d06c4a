import iconv from "iconv-lite";
import Papa from "papaparse";
import { XMLParser } from "fast-xml-parser";
import { AppError } from "../errors.ts";
import { normalizeText } from "../text/clean-input.ts";
import { VEHICLE_FIELD_NAMES, type VehicleFieldName } from "./schemas.ts";

/** A parsed inventory file: its column names and its records, each with the line it starts on (header = 1). */
export type InventoryTable = {
  headers: string[];
  records: { line: number; values: Record<string, unknown> }[];
};

const MAX_RECORDS = 20_000;

/**
 * Bytes → text: a UTF-8 BOM means UTF-8; otherwise valid UTF-8 is UTF-8; otherwise Windows-1252 (not ISO-8859-1:
 * they differ in 80–9F, where Windows-1252 has € and curly quotes). The BOM is stripped.
 */
export function decodeText(bytes: Uint8Array): string {
  // The same hygiene as every other input (NUL, lone surrogates, control characters, NFC): an import file or a
  // dealer's feed is typed by people too, and Postgres refuses NUL.
  return normalizeText(decodeBytes(bytes));
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder().decode(bytes.subarray(3));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return iconv.decode(Buffer.from(bytes), "win1252");
  }
}

/** A CSV file with a header row; `;`, `,` or tab, sniffed from the header line; quoted newlines kept. */
export function readCsv(text: string): InventoryTable {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [";", ",", "\t"].sort(
    (a, b) => firstLine.split(b).length - firstLine.split(a).length,
  )[0]!;
  let headers: string[] | null = null;
  const records: InventoryTable["records"] = [];
  let line = 1;
  let consumed = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: "greedy",
    step: (result, parser) => {
      // Line breaks (and blank lines) before the record belong to the gap, not to the record.
      while (consumed < text.length && (text[consumed] === "\n" || text[consumed] === "\r")) {
        if (text[consumed] === "\n") line++;
        consumed++;
      }
      const startLine = line;
      for (; consumed < result.meta.cursor; consumed++) if (text.charCodeAt(consumed) === 10) line++;
      const row = result.data;
      if (!headers) {
        headers = row.map((h, i) => h.trim() || `kolonne_${i + 1}`);
        return;
      }
      if (records.length >= MAX_RECORDS) {
        parser.abort();
        return;
      }
      const values: Record<string, unknown> = {};
      headers.forEach((h, i) => (values[h] = row[i] ?? ""));
      records.push({ line: startLine, values });
    },
  });
  if (!headers)
    throw new AppError("bad_request", "Filen har ingen overskriftsrad", {
      fieldErrors: { file: ["Filen har ingen overskriftsrad"] },
    });
  if (records.length >= MAX_RECORDS)
    throw new AppError("bad_request", `Maks ${MAX_RECORDS} rader per fil`, {
      fieldErrors: { file: [`Maks ${MAX_RECORDS} rader per fil`] },
    });
  return { headers, records };
}

/** A JSON feed: an array of objects, or an object holding one (`{ "vehicles": [...] }`). Line = position + 1. */
export function readJson(text: string): InventoryTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Ugyldig JSON");
  }
  return tableOf(findArray(data));
}

/** A simple XML feed: the repeated element under the root (<biler><bil>…</bil></biler>). */
export function readXml(text: string): InventoryTable {
  const parsed = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: true }).parse(
    text,
  );
  return tableOf(findArray(parsed, 3));
}

function findArray(data: unknown, depth = 2): Record<string, unknown>[] {
  if (Array.isArray(data)) return data.filter((d) => d && typeof d === "object") as Record<string, unknown>[];
  if (data && typeof data === "object" && depth > 0) {
    for (const value of Object.values(data)) {
      const found = findArray(value, depth - 1);
      if (found.length > 0) return found;
      if (value && typeof value === "object" && !Array.isArray(value) && depth === 1)
        return [value as Record<string, unknown>];
    }
  }
  throw new AppError("bad_request", "Fant ingen liste med biler");
}

function tableOf(items: Record<string, unknown>[]): InventoryTable {
  if (items.length > MAX_RECORDS) throw new AppError("bad_request", `Maks ${MAX_RECORDS} biler`);
  const headers = [...new Set(items.flatMap((i) => Object.keys(i)))];
  return { headers, records: items.map((values, i) => ({ line: i + 1, values })) };
}

/** Reads a file by its content: JSON, XML or CSV. */
export function readInventoryFile(
  bytes: Uint8Array,
  format: "auto" | "csv" | "json" | "xml" = "auto",
): InventoryTable {
  const text = decodeText(bytes);
  const start = text.trimStart()[0];
  if (format === "json" || (format === "auto" && (start === "[" || start === "{"))) return readJson(text);
  if (format === "xml" || (format === "auto" && start === "<")) return readXml(text);
  return readCsv(text);
}

const fold = (h: string) => h.toLowerCase().replace(/[^a-z0-9æøå]/g, "");

// Header words dealers' exports use, Norwegian and English, folded (lower case, letters and digits only).
const HEADER_ALIASES: Record<VehicleFieldName, string[]> = {
  stock_number: ["lagernr", "lagernummer", "stockno", "stocknumber", "stock", "stocknr", "internnr"],
  make: ["merke", "make", "brand", "bilmerke"],
  model: ["modell", "model"],
  variant: ["variant", "version", "modellbetegnelse", "utgave"],
  year: ["årsmodell", "arsmodell", "modelyear", "year", "år", "modellår"],
  first_registration: [
    "førstegangsregistrert",
    "forstegangsregistrert",
    "1gangregistrert",
    "firstregistration",
    "registrert",
  ],
  registration_number: [
    "regnr",
    "registreringsnummer",
    "registration",
    "registrationnumber",
    "kjennemerke",
    "regno",
    "plate",
  ],
  vin: ["vin", "chassisnr", "chassisnrvin", "understellsnummer", "understellsnr"],
  mileage_km: ["km", "kmstand", "kilometerstand", "mileage", "mileagekm", "kilometer"],
  price_nok: ["pris", "price", "pricenok", "prisnok", "totalpris"],
  fuel_type: ["drivstoff", "fuel", "fueltype"],
  transmission: ["girkasse", "transmission", "gearbox", "gir"],
  drivetrain: ["hjuldrift", "drivetrain", "drive", "driv"],
  body_type: ["karosseri", "bodytype", "body", "karosseritype"],
  seats: ["seter", "seats", "antallseter", "sitteplasser"],
  range_km: ["rekkevidde", "range", "rangekm", "rekkeviddekm", "wltp"],
  towbar: ["hengerfeste", "towbar", "tilhengerfeste"],
  equipment: ["utstyr", "equipment", "features"],
  color: ["farge", "colour", "color"],
  status: ["status", "salgsstatus"],
  listing_url: ["url", "listingurl", "annonse", "annonselenke", "lenke", "link"],
  finn_code: ["finnkode", "finncode", "finn", "finnno"],
  image_urls: ["bilder", "images", "imageurls", "bildeurl", "bildelenker"],
  description: ["beskrivelse", "description", "kommentar", "tekst"],
};
const FIELD_OF_ALIAS = new Map<string, VehicleFieldName>();
for (const field of VEHICLE_FIELD_NAMES) {
  FIELD_OF_ALIAS.set(fold(field), field);
  for (const alias of HEADER_ALIASES[field]) FIELD_OF_ALIAS.set(fold(alias), field);
}

/** Header → field: the saved mapping where it names the header, otherwise the alias table; "" skips a column. */
export function suggestMapping(
  headers: string[],
  saved: Record<string, string> | null = null,
): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const header of headers) {
    const fromSaved = saved?.[header];
    const field = fromSaved !== undefined ? fromSaved : (FIELD_OF_ALIAS.get(fold(header)) ?? "");
    mapping[header] = field && !used.has(field) ? field : "";
    if (field) used.add(field);
  }
  return mapping;
}
