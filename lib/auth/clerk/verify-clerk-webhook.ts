import { Webhook, WebhookVerificationError } from "svix";
import { z } from "zod";
import { envSchema } from "../../../env.ts";
import { AppError } from "../../errors.ts";
import { readBodyText } from "../../http/responses.ts";

const MAX_BODY_BYTES = 1024 * 1024;

const clerkEventEnvelope = z.object({ type: z.string().min(1), data: z.record(z.string(), z.unknown()) });

/** A Clerk event whose svix signature checked out; `id` is the svix message id, stable across redeliveries. */
export type VerifiedClerkEvent = { id: string; type: string; data: Record<string, unknown> };

/** Read per call rather than from getEnv()'s start-up snapshot, validated by the same schema. */
export function readClerkWebhookSecret(): string | undefined {
  return envSchema.shape.CLERK_WEBHOOK_SIGNING_SECRET.parse(process.env.CLERK_WEBHOOK_SIGNING_SECRET);
}

/**
 * Checks the svix signature (HMAC over `id.timestamp.body`, timestamp within 5 minutes) on the raw body,
 * then parses it. Throws AppError: unauthorized (missing/bad signature), payload_too_large, bad_request.
 */
export async function verifyClerkWebhook(req: Request, secret: string): Promise<VerifiedClerkEvent> {
  const headers = {
    "svix-id": req.headers.get("svix-id") ?? "",
    "svix-timestamp": req.headers.get("svix-timestamp") ?? "",
    "svix-signature": req.headers.get("svix-signature") ?? "",
  };
  if (!headers["svix-id"] || !headers["svix-timestamp"] || !headers["svix-signature"]) {
    throw new AppError("unauthorized", "Missing svix-id, svix-timestamp or svix-signature header");
  }
  const rawBody = await readBodyText(req, MAX_BODY_BYTES);
  try {
    new Webhook(secret).verify(rawBody, headers);
  } catch (err) {
    if (err instanceof WebhookVerificationError)
      throw new AppError("unauthorized", `Invalid signature: ${err.message}`);
    throw err;
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new AppError("bad_request", "Body is not valid JSON");
  }
  const envelope = clerkEventEnvelope.safeParse(body);
  if (!envelope.success)
    throw new AppError("bad_request", "Body is not a Clerk event: expected { type, data }");
  return { id: headers["svix-id"], type: envelope.data.type, data: envelope.data.data };
}
