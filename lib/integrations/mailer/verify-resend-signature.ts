import { Webhook, WebhookVerificationError } from "svix";
import { envSchema } from "../../../env.ts";

/** Read per call rather than from getEnv()'s start-up snapshot, validated by the same schema. */
export function readResendWebhookSecret(): string | undefined {
  return envSchema.shape.RESEND_WEBHOOK_SECRET.parse(process.env.RESEND_WEBHOOK_SECRET);
}

/** A Resend event whose svix signature checked out; `id` is the svix message id, the same on every redelivery. */
export type VerifiedResendEvent = { id: string; payload: unknown };

export type ResendVerdict =
  | { ok: true; event: VerifiedResendEvent }
  | { ok: false; reason: "unsigned" | "bad_signature" | "not_json"; message: string };

/**
 * Resend signs its webhooks with svix (HMAC over `id.timestamp.body`, timestamp within 5 minutes), checked on the
 * raw body before it is parsed. A verdict, not an HTTP answer: the edge decides what each reason means there.
 */
export function verifyResendSignature(
  request: { headers: Headers; rawBody: string },
  secret: string,
): ResendVerdict {
  // svix-* is what Resend sends; the unbranded webhook-* names are the same scheme (Standard Webhooks).
  const header = (name: string) =>
    request.headers.get(`svix-${name}`) ?? request.headers.get(`webhook-${name}`) ?? "";
  const headers = {
    "svix-id": header("id"),
    "svix-timestamp": header("timestamp"),
    "svix-signature": header("signature"),
  };
  if (!headers["svix-id"] || !headers["svix-timestamp"] || !headers["svix-signature"])
    return {
      ok: false,
      reason: "unsigned",
      message: "Missing svix-id, svix-timestamp or svix-signature header",
    };
  try {
    new Webhook(secret).verify(request.rawBody, headers);
  } catch (err) {
    if (err instanceof WebhookVerificationError)
      return { ok: false, reason: "bad_signature", message: `Invalid signature: ${err.message}` };
    throw err;
  }
  try {
    return { ok: true, event: { id: headers["svix-id"], payload: JSON.parse(request.rawBody) } };
  } catch {
    return { ok: false, reason: "not_json", message: "Body is not valid JSON" };
  }
}
