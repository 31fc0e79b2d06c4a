import { createHmac, timingSafeEqual } from "node:crypto";

export type SignatureVerdict =
  | { valid: true }
  | { valid: false; reason: "signature missing" | "signature malformed" | "signature mismatch" };

/**
 * Meta's `X-Hub-Signature-256` on a webhook delivery: `sha256=<hex HMAC-SHA256 of the raw body under the app
 * secret>`. Checked over the raw bytes, before anything is parsed. The edge maps an invalid verdict to 401.
 */
export function verifyWebhookSignature(
  header: string | null,
  body: Buffer,
  appSecret: string,
): SignatureVerdict {
  if (!header) return { valid: false, reason: "signature missing" };
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return { valid: false, reason: "signature malformed" };
  const expected = createHmac("sha256", appSecret).update(body).digest();
  const given = Buffer.from(match[1]!, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { valid: true }
    : { valid: false, reason: "signature mismatch" };
}

/**
 * Meta's subscription check (GET with hub.mode, hub.verify_token, hub.challenge): the challenge to echo when the
 * token is ours, else why not. The edge maps a refusal to 403.
 */
export function verifyWebhookChallenge(
  params: URLSearchParams,
  expectedToken: string | undefined,
): { ok: true; challenge: string } | { ok: false; reason: string } {
  if (!expectedToken) return { ok: false, reason: "FACEBOOK_VERIFY_TOKEN is not set" };
  const challenge = params.get("hub.challenge");
  const given = Buffer.from(params.get("hub.verify_token") ?? "");
  const expected = Buffer.from(expectedToken);
  const ok =
    params.get("hub.mode") === "subscribe" &&
    challenge !== null &&
    given.length === expected.length &&
    timingSafeEqual(given, expected);
  return ok ? { ok: true, challenge } : { ok: false, reason: "verify token mismatch" };
}
