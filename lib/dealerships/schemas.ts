import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import { compactOrgNumber, isValidOrgNumber } from "./org-number.ts";

// One schema per form (Settings → Forhandler), used by the server action and the tests. Messages are Norwegian:
// users see them next to the field. Text is stored as the plain text it is and escaped wherever it is shown;
// markup, control characters and bidi overrides are refused, emoji and right-to-left scripts are kept as typed.

/** Something that looks like an HTML tag, comment or entity-free script: `<b>`, `</x`, `<!--`, `<script`. */
const MARKUP = /<\s*[/!?]?\s*[a-z]/i;
/** C0/C1 controls except tab and newline (which multi-line fields normalise). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** Bidi embedding/override/isolate controls: they let text display as something other than what it is. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

const NO_MARKUP = "Bare ren tekst – HTML og kode er ikke tillatt";
const NO_CONTROL = "Teksten inneholder ugyldige tegn";
const WRONG_TYPE = "Ugyldig verdi";

function plainText(max: number, tooLong: string, { multiline = false } = {}) {
  return z
    .string(WRONG_TYPE)
    .transform((v) =>
      multiline
        ? v
            .replace(/\r\n?/g, "\n")
            .split("\n")
            .map((line) => line.replace(/\t/g, " ").trimEnd())
            .join("\n")
            .replace(/\n{3,}/g, "\n\n")
            .trim()
        : v
            .replace(/[\t\r\n]+/g, " ")
            .replace(/ {2,}/g, " ")
            .trim(),
    )
    .pipe(
      z
        .string()
        .max(max, tooLong)
        .refine((v) => !MARKUP.test(v), NO_MARKUP)
        .refine((v) => !CONTROL.test(v) && !BIDI_CONTROL.test(v), NO_CONTROL),
    );
}

/** An optional field: empty text is null. */
function optional<T extends z.ZodType<unknown, string>>(schema: T) {
  return z
    .string(WRONG_TYPE)
    .default("")
    .transform((v) => v.trim() || null)
    .pipe(schema.nullable());
}

function email(tooLong = "E-postadressen er for lang") {
  return z.string().trim().toLowerCase().pipe(z.email("Ugyldig e-postadresse").max(254, tooLong));
}

/** E.164 for a valid number, Norway assumed without a country code ("22 33 44 55" → "+4722334455"). */
export const phoneField = z
  .string()
  .trim()
  .max(40, "Telefonnummeret er for langt")
  .transform((value, ctx) => {
    const parsed = parsePhoneNumberFromString(value, "NO");
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: "custom", message: "Ugyldig telefonnummer (f.eks. 22 33 44 55 eller +47 …)" });
      return z.NEVER;
    }
    return parsed.number as string;
  });

export const orgNumberField = z
  .string()
  .max(20, "Organisasjonsnummeret har 9 siffer")
  .transform((v) => compactOrgNumber(v.trim()))
  .refine((v) => /^\d{9}$/.test(v), "Organisasjonsnummeret har 9 siffer")
  .refine(
    (v) => !/^\d{9}$/.test(v) || isValidOrgNumber(v),
    "Ugyldig organisasjonsnummer (kontrollsifferet stemmer ikke)",
  );

/** http(s) only; "fjordbil.no" is read as https://fjordbil.no. Stored as the normalised URL. */
export const websiteField = z
  .string()
  .trim()
  .max(500, "Adressen er for lang")
  .transform((value, ctx) => {
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
    let url: URL | null = null;
    try {
      url = new URL(withScheme);
    } catch {
      url = null;
    }
    if (
      !url ||
      !["http:", "https:"].includes(url.protocol) ||
      !url.hostname.includes(".") ||
      url.username ||
      url.password
    ) {
      ctx.addIssue({ code: "custom", message: "Skriv en nettadresse som https://fjordbil.no" });
      return z.NEVER;
    }
    return url.pathname === "/" && !url.search && !url.hash ? url.origin : url.toString();
  });

let timeZones: Set<string> | undefined;
/** The IANA zones this runtime knows (what the form offers), plus UTC. */
export function supportedTimeZones(): Set<string> {
  timeZones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return timeZones;
}

export const EMAIL_SIGNATURE_MAX = 1000;

export const dealershipProfileInput = z.object({
  name: plainText(100, "Navnet kan ha maks 100 tegn").pipe(z.string().min(2, "Navnet må ha minst 2 tegn")),
  legalName: optional(plainText(150, "Det juridiske navnet kan ha maks 150 tegn")),
  orgNumber: optional(orgNumberField),
  address: optional(plainText(200, "Adressen kan ha maks 200 tegn")),
  postalCode: optional(z.string().regex(/^\d{4}$/, "Postnummeret har 4 siffer")),
  city: optional(plainText(100, "Poststedet kan ha maks 100 tegn")),
  phone: optional(phoneField),
  email: email(),
  website: optional(websiteField),
  timezone: z
    .string("Velg en tidssone fra listen")
    .trim()
    .refine((v) => supportedTimeZones().has(v), "Velg en tidssone fra listen"),
  serviceEmail: optional(email()),
  servicePhone: optional(phoneField),
  primaryColor: optional(
    z
      .string()
      .regex(/^#[0-9a-f]{6}$/i, "Fargen skrives som #rrggbb, f.eks. #1d4ed8")
      .transform((v) => v.toLowerCase()),
  ),
  emailSignature: optional(
    plainText(EMAIL_SIGNATURE_MAX, `Signaturen kan ha maks ${EMAIL_SIGNATURE_MAX} tegn`, {
      multiline: true,
    }),
  ),
});

export type DealershipProfileInput = z.output<typeof dealershipProfileInput>;
