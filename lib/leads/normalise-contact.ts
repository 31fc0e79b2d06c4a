import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/** Lower-cased, trimmed e-mail, or null when empty. */
export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/**
 * E.164 (`+4791234567`) for a valid number, assuming Norway when no country code is given; null when empty or
 * not a valid number (the raw text is still kept in customer_phone).
 */
export function normalisePhone(phone: string | null | undefined): string | null {
  const trimmed = phone?.trim();
  if (!trimmed) return null;
  const parsed = parsePhoneNumberFromString(trimmed, "NO");
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * A number as Norwegians write it: "22 33 44 55" for a Norwegian number, "+46 8 123 456 78" for a foreign one;
 * the text as given when it is not a valid number.
 */
export function formatPhoneForDisplay(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone.trim(), "NO");
  if (!parsed?.isValid()) return phone.trim();
  return parsed.country === "NO" ? parsed.formatNational() : parsed.formatInternational();
}

/** Collapses whitespace; null for empty text. */
export function cleanText(value: string | null | undefined, maxLength: number): string | null {
  const cleaned = value?.replace(/\s+/g, " ").trim().slice(0, maxLength);
  return cleaned ? cleaned : null;
}
