import { z } from "zod";
import {
  VEHICLE_BODY_TYPES,
  VEHICLE_DRIVETRAINS,
  VEHICLE_FUELS,
  VEHICLE_STATUSES,
  VEHICLE_TRANSMISSIONS,
} from "../../db/schema/enums.ts";
import {
  readBodyType,
  readBoolean,
  readDrivetrain,
  readFuel,
  readStatus,
  readTransmission,
  readWholeNumber,
} from "./parse-vehicle-values.ts";
import { isValidRegistrationNumber, normaliseRegistrationNumber } from "./registration-number.ts";
import { isValidVin, normaliseVin } from "./vin.ts";

// One set of field schemas for every way a car comes in: the form (strings from FormData), the API (JSON numbers
// and strings), the CSV import and the feed (whatever the dealer's export wrote). Each field accepts the loose
// input and outputs the stored value; "" and null mean "no value". Messages are Norwegian: users see them next to
// the field or on the import's row list.

/** GET /api/vehicles (PRD contract). Bad values are a 400 with field errors, never silently ignored. */
export const vehicleListQuery = z.object({
  status: z.enum(VEHICLE_STATUSES).optional(),
  /** Make, model, variant, registration number or VIN; every word must match one of them ("vw golf gti"). */
  search: z.string().trim().min(1).max(200).optional(),
  fuel: z.enum(VEHICLE_FUELS).optional(),
  body_type: z.enum(VEHICLE_BODY_TYPES).optional(),
  price_min: z.coerce.number().int().min(0).max(100_000_000).optional(),
  price_max: z.coerce.number().int().min(0).max(100_000_000).optional(),
  sort: z
    .enum(["default", "price", "-price", "year", "-year", "mileage", "-mileage", "updated", "-updated"])
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type VehicleListQuery = z.output<typeof vehicleListQuery>;
export type VehicleSort = NonNullable<VehicleListQuery["sort"]>;

const MARKUP = /<\s*[/!?]?\s*[a-z]/i;
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const WRONG_TYPE = "Ugyldig verdi";

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const blankToNull = (v: unknown) => (isBlank(v) ? null : v);

/** Plain text: markup and control characters are refused, emoji and RTL text kept as typed. */
function plainText(max: number, multiline: boolean) {
  return z
    .union([z.string(), z.number()], WRONG_TYPE)
    .transform((v) => {
      const s = String(v).replace(/\r\n?/g, "\n");
      return (
        multiline ? s.replace(/\n{3,}/g, "\n\n") : s.replace(/[\t\n]+/g, " ").replace(/ {2,}/g, " ")
      ).trim();
    })
    .pipe(
      z
        .string()
        .max(max, `Maks ${max} tegn`)
        .refine((v) => !MARKUP.test(v), "Bare ren tekst – HTML og kode er ikke tillatt")
        .refine((v) => !CONTROL.test(v), "Teksten inneholder ugyldige tegn"),
    );
}

function text(max: number, { multiline = false } = {}) {
  return z.preprocess(blankToNull, plainText(max, multiline).nullable());
}

function requiredText(max: number, required: string) {
  return z
    .preprocess((v) => (isBlank(v) ? undefined : v), z.unknown())
    .pipe(z.preprocess((v) => v, z.union([z.string(), z.number()], required)).pipe(plainText(max, false)));
}

function wholeNumber(min: number, max: number, tooBig: string) {
  return z
    .preprocess(blankToNull, z.union([z.string(), z.number()], WRONG_TYPE).nullable())
    .transform((v, ctx) => {
      if (v === null) return null;
      const parsed = readWholeNumber(v);
      if ("error" in parsed) {
        ctx.addIssue({
          code: "custom",
          message: parsed.error === "negative" ? "Kan ikke være negativ" : "Må være et tall",
        });
        return z.NEVER;
      }
      if (parsed.value < min || parsed.value > max) {
        ctx.addIssue({ code: "custom", message: parsed.value < min ? `Minst ${min}` : tooBig });
        return z.NEVER;
      }
      return parsed.value;
    });
}

function code<const T extends readonly string[]>(values: T, read: (raw: string) => T[number] | undefined) {
  return z.preprocess(blankToNull, z.string(WRONG_TYPE).nullable()).transform((v, ctx) => {
    if (v === null) return null;
    const found = (values as readonly string[]).includes(v) ? (v as T[number]) : read(v);
    if (!found) {
      ctx.addIssue({ code: "custom", message: `Ukjent verdi «${v.slice(0, 40)}»` });
      return z.NEVER;
    }
    return found;
  });
}

function list(maxItems: number, itemMax: number, { urls = false } = {}) {
  return z
    .preprocess(
      (v) => (isBlank(v) ? [] : typeof v === "string" ? v.split(urls ? /[\n,; ]+/ : /\n|;|\|/) : v),
      z.array(z.string(WRONG_TYPE), WRONG_TYPE),
    )
    .transform((items) => items.map((s) => s.trim()).filter(Boolean))
    .pipe(
      z
        .array(
          urls
            ? z.url({ protocol: /^https?$/, error: "Må være en http(s)-lenke" }).max(itemMax)
            : z
                .string()
                .max(itemMax, `Maks ${itemMax} tegn per linje`)
                .refine((v) => !MARKUP.test(v) && !CONTROL.test(v), "Bare ren tekst"),
        )
        .max(maxItems, `Maks ${maxItems}`),
    );
}

const currentYear = new Date().getFullYear();

export const vehicleFields = {
  stock_number: text(50),
  make: requiredText(60, "Merke må fylles ut"),
  model: requiredText(80, "Modell må fylles ut"),
  variant: text(150),
  year: wholeNumber(1900, currentYear + 2, "Årsmodellen er for langt fram i tid"),
  first_registration: z.preprocess(
    blankToNull,
    z.iso
      .date("Dato som ÅÅÅÅ-MM-DD")
      // "0000-01-01" passes the format but not Postgres (a 500): no car was registered before 1900.
      .refine((d) => d >= "1900-01-01", "Datoen er for tidlig")
      .nullable(),
  ),
  registration_number: z.preprocess(blankToNull, z.string(WRONG_TYPE).nullable()).transform((v, ctx) => {
    const plate = normaliseRegistrationNumber(v);
    if (plate && !isValidRegistrationNumber(plate)) {
      ctx.addIssue({ code: "custom", message: "Ugyldig registreringsnummer (f.eks. EL 12345)" });
      return z.NEVER;
    }
    return plate;
  }),
  vin: z.preprocess(blankToNull, z.string(WRONG_TYPE).nullable()).transform((v, ctx) => {
    const vin = normaliseVin(v);
    if (vin && !isValidVin(vin)) {
      ctx.addIssue({ code: "custom", message: "Understellsnummeret må ha 17 tegn (ikke I, O eller Q)" });
      return z.NEVER;
    }
    return vin;
  }),
  mileage_km: wholeNumber(0, 2_000_000, "Kilometerstanden er urimelig høy"),
  price_nok: wholeNumber(0, 50_000_000, "Prisen er urimelig høy"),
  fuel_type: code(VEHICLE_FUELS, readFuel),
  transmission: code(VEHICLE_TRANSMISSIONS, readTransmission),
  drivetrain: code(VEHICLE_DRIVETRAINS, readDrivetrain),
  body_type: code(VEHICLE_BODY_TYPES, readBodyType),
  seats: wholeNumber(1, 60, "For mange seter"),
  range_km: wholeNumber(0, 2_000, "Rekkevidden er urimelig høy"),
  towbar: z
    .preprocess(blankToNull, z.union([z.boolean(), z.string()], WRONG_TYPE).nullable())
    .transform((v, ctx) => {
      if (v === null || typeof v === "boolean") return v;
      const read = readBoolean(v);
      if (!read) {
        ctx.addIssue({ code: "custom", message: "Ja eller nei" });
        return z.NEVER;
      }
      return read === "true";
    }),
  equipment: list(100, 200),
  color: text(40),
  status: code(VEHICLE_STATUSES, readStatus),
  listing_url: z.preprocess(
    blankToNull,
    z
      .url({ protocol: /^https?$/, error: "Må være en http(s)-lenke" })
      .max(2000)
      .nullable(),
  ),
  finn_code: z.preprocess(
    (v) => (typeof v === "number" ? String(v) : blankToNull(v)),
    z
      .string(WRONG_TYPE)
      .trim()
      .regex(/^\d{6,12}$/, "FINN-koden er 6–12 siffer")
      .nullable(),
  ),
  image_urls: list(50, 2000, { urls: true }),
  description: text(5_000, { multiline: true }),
} as const;

export type VehicleFieldName = keyof typeof vehicleFields;
export const VEHICLE_FIELD_NAMES = Object.keys(vehicleFields) as VehicleFieldName[];

const { make, model, ...optionalFields } = vehicleFields;
const optionalOnCreate = Object.fromEntries(
  Object.entries(optionalFields).map(([k, s]) => [k, s.optional()]),
) as { [K in keyof typeof optionalFields]: z.ZodOptional<(typeof optionalFields)[K]> };

/** POST /api/vehicles and the add form. */
export const vehicleCreateInput = z.strictObject({ make, model, ...optionalOnCreate });
export type VehicleCreateInput = z.output<typeof vehicleCreateInput>;

/** PATCH /api/vehicles/:id and the edit form: only the fields sent change; "" or null clears one. */
export const vehicleUpdateInput = vehicleCreateInput.partial();
export type VehicleUpdateInput = z.output<typeof vehicleUpdateInput>;

/** The edit form posts the id with the fields. */
export const vehicleFormInput = vehicleCreateInput.extend({ id: z.uuid().optional() }).strip();

/** PUT /api/vehicles/bulk: up to 1,000 cars keyed by stock number (DMS integrations). */
export const vehicleBulkInput = z
  .array(
    vehicleCreateInput.extend({
      stock_number: z.preprocess(blankToNull, z.string("Lagernummer må fylles ut").trim().min(1).max(50)),
    }),
    "Forventet en liste med biler",
  )
  .min(1, "Listen er tom")
  .max(1000, "Maks 1000 biler per kall");

export const vehicleIdInput = z.object({ id: z.uuid() });
export const vehicleStatusInput = z.object({ id: z.uuid(), status: z.enum(VEHICLE_STATUSES) });

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

/** POST /api/vehicles/import query: the file is the body (multipart `file` or raw). */
export const vehicleImportQuery = z.object({
  preview: flag,
  mark_missing_sold: flag,
  apply_valid_rows: flag,
  /** Header → field name ("" skips the column), as JSON. */
  mapping: z
    .string()
    .max(20_000)
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      try {
        const parsed = z
          .record(
            z.string().max(200),
            z.union([
              z.enum(VEHICLE_FIELD_NAMES as [VehicleFieldName, ...VehicleFieldName[]]),
              z.literal(""),
            ]),
          )
          .parse(JSON.parse(v));
        return parsed as Record<string, string>;
      } catch {
        ctx.addIssue({ code: "custom", message: "Ugyldig kolonneoppsett" });
        return z.NEVER;
      }
    }),
});

export const FEED_CRONS = { every15: "*/15 * * * *", hourly: "0 * * * *", daily: "0 3 * * *" } as const;

/** Biler → Lagerfeed. */
export const vehicleFeedInput = z.object({
  feed_url: z.preprocess(
    blankToNull,
    z
      .url({ protocol: /^https?$/, error: "Må være en http(s)-lenke" })
      .max(2000)
      .nullable(),
  ),
  feed_format: z.enum(["auto", "csv", "json", "xml"]).default("auto"),
  feed_enabled: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  feed_schedule: z.enum(Object.keys(FEED_CRONS) as [keyof typeof FEED_CRONS]).default("hourly"),
  feed_mark_missing_sold: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
export type VehicleFeedInput = z.output<typeof vehicleFeedInput>;
