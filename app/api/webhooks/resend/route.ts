// POST /api/webhooks/resend – Resend e-mail delivery events (svix-signed): sent, delivered, bounced, complained …
import { isAppError } from "@/lib/errors";
import { errorResponse, json } from "@/lib/http/responses";
import { handleResendEvent } from "@/lib/integrations/mailer/handle-resend-event";
import type { HandledDeliveryEvent } from "@/lib/integrations/outbox/apply-delivery-status";
import {
  readResendWebhookSecret,
  verifyResendWebhook,
} from "@/lib/integrations/mailer/verify-resend-webhook";
import { logWebhookRequest } from "@/lib/webhooks/log-webhook-request";

export async function POST(req: Request): Promise<Response> {
  const secret = readResendWebhookSecret();
  // 503, not 404: Resend keeps retrying a failed delivery, so events sent before the secret is set are not lost.
  if (!secret) return json({ error: "not_configured" }, { status: 503 });
  const startedAt = Date.now();
  let response: Response;
  let result: HandledDeliveryEvent | undefined;
  let error: string | null = null;
  try {
    result = await handleResendEvent(await verifyResendWebhook(req, secret));
    response = json({ status: result.status });
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    response =
      isAppError(err) && err.code === "unauthorized"
        ? json({ error: "invalid_signature" }, { status: 401 })
        : errorResponse(err);
  }
  // No body: it may be unsigned, and the signed ones carry recipients' addresses.
  logWebhookRequest(req, {
    source: "resend",
    statusCode: response.status,
    dealershipId: result?.dealershipId,
    leadId: result?.leadId,
    error,
    durationMs: Date.now() - startedAt,
  });
  return response;
}
