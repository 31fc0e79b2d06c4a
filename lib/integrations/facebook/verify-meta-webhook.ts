import { createHmac, timingSafeEqual } from "node:crypto";

/** Null when `header` is `sha256=<hex HMAC-SHA256 of the raw body under the app secret>`, else why not. */
export function checkSignature(header: string | null, body: Buffer, secret: string): string | null {
  if (!header) return "signature missing";
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return "signature malformed";
  const expected = createHmac("sha256", secret).update(body).digest();
  return safeEquals(expected, Buffer.from(match[1]!, "hex")) ? null : "signature mismatch";
}

/**
 * Meta's subscription check (GET with hub.mode, hub.verify_token, hub.challenge): the challenge to echo when the
 * token is ours, else why not.
 */
export function checkVerifyChallenge(
  params: URLSearchParams,
  expectedToken: string | undefined,
): { ok: true; challenge: string } | { ok: false; reason: string } {
  if (!expectedToken) return { ok: false, reason: "FACEBOOK_VERIFY_TOKEN is not set" };
  const challenge = params.get("hub.challenge");
  const given = params.get("hub.verify_token") ?? "";
  const ok =
    params.get("hub.mode") === "subscribe" &&
    challenge !== null &&
    safeEquals(Buffer.from(given), Buffer.from(expectedToken));
  return ok ? { ok: true, challenge } : { ok: false, reason: "verify token mismatch" };
}

function safeEquals(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
