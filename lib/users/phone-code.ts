import { createHmac, randomInt, timingSafeEqual } from "node:crypto";

/** How long a code sent by SMS can be typed in. */
export const PHONE_CODE_TTL_MINUTES = 10;
/** Wrong tries before the code dies and a new one must be sent. */
export const PHONE_CODE_MAX_ATTEMPTS = 5;

/** Six random digits, leading zeros kept. */
export function generatePhoneCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/**
 * The stored form of a code: bound to the user and the number, so a hash copied to another row or number
 * proves nothing. Six digits are few, so the hash is not what protects them: expiry and the try limit are.
 */
export function hashPhoneCode(code: string, userId: string, phone: string): string {
  return createHmac("sha256", `${userId}:${phone}`).update(code).digest("base64url");
}

export type OpenPhoneCode = {
  codeHash: string;
  attempts: number;
  expiresAt: Date;
  userId: string;
  phone: string;
};
export type PhoneCodeVerdict = "ok" | "wrong" | "expired" | "too_many_attempts";

/** Judges a typed code against the open one. "wrong" means the caller counts one more attempt. */
export function checkPhoneCode(open: OpenPhoneCode, typed: string, now = new Date()): PhoneCodeVerdict {
  if (open.attempts >= PHONE_CODE_MAX_ATTEMPTS) return "too_many_attempts";
  if (open.expiresAt.getTime() <= now.getTime()) return "expired";
  const expected = Buffer.from(open.codeHash);
  const actual = Buffer.from(hashPhoneCode(typed, open.userId, open.phone));
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? "ok" : "wrong";
}
