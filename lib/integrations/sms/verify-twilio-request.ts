import twilio from "twilio";
import { envSchema, getEnv } from "../../../env.ts";
import { AppError } from "../../errors.ts";
import { readBodyText } from "../../edge/read-body.ts";

const MAX_BODY_BYTES = 64 * 1024;

/** Read per call rather than from getEnv()'s start-up snapshot, validated by the same schema. */
export function readTwilioAuthToken(): string | undefined {
  return envSchema.shape.TWILIO_AUTH_TOKEN.parse(process.env.TWILIO_AUTH_TOKEN);
}

/**
 * Checks X-Twilio-Signature (HMAC-SHA1 with the auth token over the URL Twilio called plus the sorted form
 * parameters) and returns the parameters. Twilio signs the public URL it was given, APP_URL + path + query, not
 * the address this process sees behind a proxy. Throws AppError: forbidden, payload_too_large.
 */
export async function verifyTwilioRequest(req: Request, authToken: string): Promise<Record<string, string>> {
  const signature = req.headers.get("x-twilio-signature");
  if (!signature) throw new AppError("forbidden", "Missing X-Twilio-Signature header");
  const form = new URLSearchParams(await readBodyText(req, MAX_BODY_BYTES));
  const signed: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    signed[key] = values.length === 1 ? values[0]! : values;
  }
  const { pathname, search } = new URL(req.url);
  const publicUrl = `${new URL(getEnv().APP_URL).origin}${pathname}${search}`;
  if (!twilio.validateRequest(authToken, signature, publicUrl, signed))
    throw new AppError("forbidden", "Invalid X-Twilio-Signature");
  return Object.fromEntries(form);
}
