/*
 * Norwegian organisation numbers (organisasjonsnummer, Brønnøysundregistrene): 9 digits, the last a MOD11 check
 * digit over digits 1–8 with weights 3 2 7 6 5 4 3 2. Remainder 0 → check digit 0; remainder 1 would need check
 * digit 10, which is never issued, so such a number is invalid. Spaces, "-" and "/" are stripped before checking.
 */

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** The digits of what the user typed ("974 760 673" → "974760673"); separators only, letters stay (and fail). */
export function compactOrgNumber(value: string): string {
  return value.replace(/[\s\-/.]/g, "");
}

/** The check digit for the first eight digits, or null when none exists (remainder 1). */
export function orgNumberCheckDigit(firstEight: string): number | null {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(firstEight[i]), 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return null;
  return 11 - remainder;
}

/** Whether the value (separators allowed) is a valid organisation number. */
export function isValidOrgNumber(value: string): boolean {
  const digits = compactOrgNumber(value);
  if (!/^\d{9}$/.test(digits)) return false;
  return orgNumberCheckDigit(digits.slice(0, 8)) === Number(digits[8]);
}

/** "974760673" → "974 760 673", as printed on business documents. */
export function formatOrgNumber(digits: string): string {
  return /^\d{9}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}
