import { parsePhoneNumberFromString } from "libphonenumber-js/max";

const MOBILE_TYPES = new Set(["MOBILE", "FIXED_LINE_OR_MOBILE", undefined]);

/** E.164 for a valid mobile number (Norway when no country code is given), or the field error to show. */
export function parseMobileNumber(raw: string): { ok: true; phone: string } | { ok: false; error: string } {
  const parsed = parsePhoneNumberFromString(raw.trim(), "NO");
  if (!parsed?.isValid()) return { ok: false, error: "Ugyldig mobilnummer" };
  if (!MOBILE_TYPES.has(parsed.getType())) return { ok: false, error: "Det ser ikke ut som et mobilnummer" };
  return { ok: true, phone: parsed.number };
}
