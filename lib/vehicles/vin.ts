// ISO 3779: 17 characters, digits and capitals except I, O and Q. The check digit (position 9) is verified only for
// North-American VINs (WMI starting 1–5), and even then only warned about: European VINs need not carry one.
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
const LETTER_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export function normaliseVin(raw: string | null | undefined): string | null {
  const value = (raw ?? "").toUpperCase().replace(/[\s\u00a0-]+/g, "");
  return value === "" ? null : value;
}

export function isValidVin(normalised: string): boolean {
  return VIN.test(normalised);
}

/** The North-American check digit ("0"–"9" or "X") of a well-formed VIN. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i]!;
    sum += (/\d/.test(c) ? Number(c) : (LETTER_VALUES[c] ?? 0)) * WEIGHTS[i]!;
  }
  const remainder = sum % 11;
  return remainder === 10 ? "X" : String(remainder);
}

/** True when the VIN should carry a check digit (North America) and does not: a warning, never a rejection. */
export function hasSuspectVinCheckDigit(vin: string): boolean {
  return /^[1-5]/.test(vin) && isValidVin(vin) && vin[8] !== vinCheckDigit(vin);
}
