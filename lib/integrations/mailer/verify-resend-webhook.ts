import { Webhook, WebhookVerificationError } from "svix";
import { envSchema } from "../../../env.ts";
import { AppError } from "../../errors.ts";
import { readBodyText } from "../../edge/read-body.ts";

const MAX_BODY_BYTES = 256 * 1024;

/** Read per call rather than from getEnv()'s start-up snapshot, validated by the same schema. */
export function readResendWebhookSecret(): string | undefined {
  return envSchema.shape.RESEND_WEBHOOK_SECRET.parse(process.env.RESEND_WEBHOOK_SECRET);
}

/** A Resend event whose svix signature checked out; `id` is the svix message id, the same on every redelivery. */
export type VerifiedResendEvent = { id: string; payload: unknown };

/**
 * Resend signs its webhooks with svix (HMAC over `id.timestamp.body`, timestamp within 5 minutes). Checked on the
 * raw body before it is parsed. Throws AppError: unauthorized, payload_too_large, bad_request (not JSON).
 */
export async function verifyResendWebhook(req: Request, secret: string): Promise<VerifiedResendEvent> {
  // svix-* is what Resend sends; the unbranded webhook-* names are the same scheme (Standard Webhooks).
  const header = (name: string) =>
    req.headers.get(`svix-${name}`) ?? req.headers.get(`webhook-${name}`) ?? "";
  const headers = {
    "svix-id": header("id"),
    "svix-timestamp": header("timestamp"),
    "svix-signature": header("signature"),
  };
  if (!headers["svix-id"] || !headers["svix-timestamp"] || !headers["svix-signature"])
    throw new AppError("unauthorized", "Missing svix-id, svix-timestamp or svix-signature header");
  const rawBody = await readBodyText(req, MAX_BODY_BYTES);
  try {
    new Webhook(secret).verify(rawBody, headers);
  } catch (err) {
    if (err instanceof WebhookVerificationError)
      throw new AppError("unauthorized", `Invalid signature: ${err.message}`);
    throw err;
  }
  try {
    return { id: headers["svix-id"], payload: JSON.parse(rawBody) };
  } catch {
    throw new AppError("bad_request", "Body is not valid JSON");
  }
}
