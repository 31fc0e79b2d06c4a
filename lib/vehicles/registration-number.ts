// Norwegian plates: two letters and four or five digits ("EL 12345"); stored without spaces or hyphens, shown
// with one space. Personalised plates (up to 7 letters/digits) are accepted too, as dealers do list them.
const STANDARD = /^[A-Z]{2}\d{4,5}$/;
const PERSONAL = /^[A-Z0-9ÆØÅ]{2,7}$/;

/** "el-12 345" → "EL12345"; null for an empty value. Throws nothing: call `isValidRegistrationNumber` to check. */
export function normaliseRegistrationNumber(raw: string | null | undefined): string | null {
  const value = (raw ?? "").toUpperCase().replace(/[\s\u00a0\u202f-]+/g, "");
  return value === "" ? null : value;
}

export function isValidRegistrationNumber(normalised: string): boolean {
  return STANDARD.test(normalised) || (PERSONAL.test(normalised) && /[A-ZÆØÅ]/.test(normalised));
}

/** "EL12345" → "EL 12345" for display; anything else as it is. */
export function formatRegistrationNumber(normalised: string | null): string | null {
  if (!normalised) return null;
  return STANDARD.test(normalised) ? `${normalised.slice(0, 2)} ${normalised.slice(2)}` : normalised;
}
