import twilio from "twilio";
import { envSchema, getEnv } from "../../../env.ts";

/** Read per call rather than from getEnv()'s start-up snapshot, validated by the same schema. */
export function readTwilioAuthToken(): string | undefined {
  return envSchema.shape.TWILIO_AUTH_TOKEN.parse(process.env.TWILIO_AUTH_TOKEN);
}

export type TwilioVerdict =
  | { ok: true; event: Record<string, string> }
  | { ok: false; reason: "unsigned" | "bad_signature"; message: string };

/**
 * Checks X-Twilio-Signature (HMAC-SHA1 with the auth token over the URL Twilio called plus the sorted form
 * parameters) and returns the parameters. Twilio signs the public URL it was given, APP_URL + path + query, not
 * the address this process sees behind a proxy. A verdict, not an HTTP answer: the edge maps it.
 */
export function verifyTwilioSignature(
  request: { headers: Headers; url: string; rawBody: string },
  authToken: string,
): TwilioVerdict {
  const signature = request.headers.get("x-twilio-signature");
  if (!signature) return { ok: false, reason: "unsigned", message: "Missing X-Twilio-Signature header" };
  const { pathname, search } = new URL(request.url);
  const publicUrl = `${new URL(getEnv().APP_URL).origin}${pathname}${search}`;
  if (!checkTwilioSignature(authToken, signature, publicUrl, request.rawBody))
    return { ok: false, reason: "bad_signature", message: "Invalid X-Twilio-Signature" };
  return { ok: true, event: Object.fromEntries(new URLSearchParams(request.rawBody)) };
}

/**
 * The SDK's validateRequest over every received parameter (Twilio adds parameters without notice), empty values
 * included and values decoded, a repeated name passed as its list of values, as twilio-node expects.
 */
export function checkTwilioSignature(
  authToken: string,
  signature: string,
  publicUrl: string,
  rawBody: string,
): boolean {
  const form = new URLSearchParams(rawBody);
  const signed: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    signed[key] = values.length === 1 ? values[0]! : values;
  }
  return twilio.validateRequest(authToken, signature, publicUrl, signed);
}
