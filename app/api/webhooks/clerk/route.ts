// POST /api/webhooks/clerk – Clerk organization/membership events (svix-signed)
import { syncClerkEvent } from "@/lib/auth/clerk/sync-clerk-event";
import { readClerkWebhookSecret, verifyClerkWebhook } from "@/lib/auth/clerk/verify-clerk-webhook";
import { isAppError } from "@/lib/errors";
import { logWebhookRequest } from "@/lib/webhooks/log-webhook-request";
import { errorResponse, json } from "@/lib/http/responses";

export async function POST(req: Request): Promise<Response> {
  const secret = readClerkWebhookSecret();
  if (!secret) return json({ error: "not_found" }, { status: 404 });
  const startedAt = Date.now();
  let response: Response;
  let error: string | null = null;
  try {
    const event = await verifyClerkWebhook(req, secret);
    const { status } = await syncClerkEvent(event, event.id);
    response = json({ status });
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    response =
      isAppError(err) && err.code === "unauthorized"
        ? json({ error: "invalid_signature" }, { status: 401 })
        : errorResponse(err);
  }
  // No body: it may be unsigned, and the signed ones carry personal data we keep in users already.
  logWebhookRequest(req, {
    source: "clerk",
    statusCode: response.status,
    error,
    durationMs: Date.now() - startedAt,
  });
  return response;
}
