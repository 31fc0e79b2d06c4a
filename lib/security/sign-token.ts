import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv, type Env } from "../../env.ts";

// Public, so worthless as a secret: it only lets `npm run dev` and the tests work without configuration.
// getSigningSecret refuses it in production, where NORVALT_SIGNING_SECRET must be set.
const DEV_SIGNING_SECRET = "norvalt-dev-signing-secret-not-for-production";

const PURPOSE = /^[a-z][a-z0-9.-]{0,63}$/;
const MAX_TOKEN_LENGTH = 2048;

/** NORVALT_SIGNING_SECRET; in development and tests a fixed dev secret, in production an error when it is missing. */
export function getSigningSecret(env: Pick<Env, "NODE_ENV" | "NORVALT_SIGNING_SECRET"> = getEnv()): string {
  if (env.NORVALT_SIGNING_SECRET) return env.NORVALT_SIGNING_SECRET;
  if (env.NODE_ENV === "production") {
    throw new Error(
      "NORVALT_SIGNING_SECRET is not set. It signs unsubscribe links and reply addresses; set it to a random string of at least 32 characters (e.g. `openssl rand -base64 48`).",
    );
  }
  return DEV_SIGNING_SECRET;
}

/**
 * HMAC-SHA256 of `message` under a key derived for `purpose`, so a MAC made for one use (an unsubscribe link)
 * never verifies as another (a reply address) even when the signed text happens to be the same.
 */
export function computeMac(purpose: string, message: string, secret = getSigningSecret()): Buffer {
  return createHmac("sha256", purposeKey(purpose, secret)).update(message).digest();
}

// The derived key of each (secret, purpose): every reply e-mail signs several things (bench:ingest's worker).
const purposeKeys = new Map<string, Buffer>();

function purposeKey(purpose: string, secret: string): Buffer {
  const cacheKey = `${purpose}\n${secret}`;
  let key = purposeKeys.get(cacheKey);
  if (!key) {
    if (!PURPOSE.test(purpose)) throw new Error(`computeMac: bad purpose ${JSON.stringify(purpose)}`);
    key = createHmac("sha256", secret).update(`norvalt-purpose:${purpose}`).digest();
    // A handful of purposes and one secret in practice; tests that vary the secret must not grow it without end.
    if (purposeKeys.size >= 64) purposeKeys.clear();
    purposeKeys.set(cacheKey, key);
  }
  return key;
}

/** Constant-time comparison; different lengths are simply unequal (timingSafeEqual would throw). */
export function macEquals(expected: Uint8Array, actual: Uint8Array): boolean {
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * `base64url(payload)[.expiry].base64url(mac)`: the payload is readable by anyone holding the token but cannot be
 * changed. Without `expiresInSeconds` the token never expires (unsubscribe links must keep working for years).
 */
export function signToken(
  purpose: string,
  payload: string,
  options: { expiresInSeconds?: number; now?: Date } = {},
): string {
  const body = Buffer.from(payload, "utf8").toString("base64url");
  const expiry =
    options.expiresInSeconds === undefined
      ? ""
      : String(Math.floor((options.now ?? new Date()).getTime() / 1000) + options.expiresInSeconds);
  const mac = computeMac(purpose, `${body}.${expiry}`).toString("base64url");
  return expiry ? `${body}.${expiry}.${mac}` : `${body}.${mac}`;
}

/** The payload of a token signed for `purpose`, or null when it is malformed, tampered with, for another purpose or expired. */
export function verifyToken(purpose: string, token: string, options: { now?: Date } = {}): string | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 2 && parts.length !== 3) return null;
  const body = parts[0]!;
  const mac = parts[parts.length - 1]!;
  const expiry = parts.length === 3 ? parts[1]! : "";
  if (!/^[A-Za-z0-9_-]*$/.test(body)) return null;
  if (parts.length === 3 && !/^\d{1,12}$/.test(expiry)) return null;
  // Compared as text, so a second spelling of the same bytes (base64's spare low bits) is no valid token either.
  const expected = Buffer.from(computeMac(purpose, `${body}.${expiry}`).toString("base64url"));
  if (!macEquals(expected, Buffer.from(mac))) return null;
  if (expiry && Number(expiry) * 1000 <= (options.now ?? new Date()).getTime()) return null;
  return Buffer.from(body, "base64url").toString("utf8");
}
