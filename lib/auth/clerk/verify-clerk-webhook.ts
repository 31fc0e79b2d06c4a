import { Webhook, WebhookVerificationError } from "svix";
import { z } from "zod";
import { envSchema } from "../../../env.ts";
import { AppError } from "../../errors.ts";

const clerkEventEnvelope = z.object({ type: z.string().min(1), data: z.record(z.string(), z.unknown()) });

/** A Clerk event whose svix signature checked out; `id` is the svix message id, stable across redeliveries. */
export type VerifiedClerkEvent = { id: string; type: string; data: Record<string, unknown> };

/** What svix signs: the svix-id, svix-timestamp and svix-signature headers and the raw body. */
export type SvixDelivery = { id: string; timestamp: string; signature: string; body: string };

export type ClerkVerdict = { ok: true; event: VerifiedClerkEvent } | { ok: false; reason: string };

/** Read per call rather than from getEnv()'s start-up snapshot, validated by the same schema. */
export function readClerkWebhookSecret(): string | undefined {
  return envSchema.shape.CLERK_WEBHOOK_SIGNING_SECRET.parse(process.env.CLERK_WEBHOOK_SIGNING_SECRET);
}

/**
 * Checks the svix signature (HMAC over `id.timestamp.body`, timestamp within 5 minutes) on the raw body, then
 * parses it. A missing or bad signature is a verdict, not an error; a signed body that is not a Clerk event
 * throws AppError bad_request.
 */
export function verifyClerkWebhook(delivery: SvixDelivery, secret: string): ClerkVerdict {
  const { id, timestamp, signature, body } = delivery;
  if (!id || !timestamp || !signature)
    return { ok: false, reason: "Missing svix-id, svix-timestamp or svix-signature header" };
  try {
    new Webhook(secret).verify(body, {
      "svix-id": id,
      "svix-timestamp": timestamp,
      "svix-signature": signature,
    });
  } catch (err) {
    if (err instanceof WebhookVerificationError)
      return { ok: false, reason: `Invalid signature: ${err.message}` };
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AppError("bad_request", "Body is not valid JSON");
  }
  const envelope = clerkEventEnvelope.safeParse(parsed);
  if (!envelope.success)
    throw new AppError("bad_request", "Body is not a Clerk event: expected { type, data }");
  return { ok: true, event: { id, type: envelope.data.type, data: envelope.data.data } };
}
