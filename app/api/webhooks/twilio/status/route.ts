// POST /api/webhooks/twilio/status – Twilio SMS status callbacks (form-encoded, X-Twilio-Signature)
import { isAppError } from "@/lib/errors";
import { errorResponse, json } from "@/lib/http/responses";
import type { HandledDeliveryEvent } from "@/lib/integrations/outbox/apply-delivery-status";
import { handleTwilioStatus } from "@/lib/integrations/sms/handle-twilio-status";
import { readTwilioAuthToken, verifyTwilioRequest } from "@/lib/integrations/sms/verify-twilio-request";
import { logWebhookRequest } from "@/lib/webhooks/log-webhook-request";

export async function POST(req: Request): Promise<Response> {
  const authToken = readTwilioAuthToken();
  // Without the token no signature can be checked: say so (503) rather than call Twilio's requests forged (403).
  if (!authToken) return json({ error: "not_configured" }, { status: 503 });
  const startedAt = Date.now();
  let response: Response;
  let result: HandledDeliveryEvent | undefined;
  let error: string | null = null;
  try {
    result = await handleTwilioStatus(await verifyTwilioRequest(req, authToken));
    response = json({ status: result.status });
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    response =
      isAppError(err) && err.code === "forbidden"
        ? json({ error: "invalid_signature" }, { status: 403 })
        : errorResponse(err);
  }
  // No body: it carries phone numbers, and the outbox row already has what we keep.
  logWebhookRequest(req, {
    source: "twilio",
    statusCode: response.status,
    dealershipId: result?.dealershipId,
    leadId: result?.leadId,
    error,
    durationMs: Date.now() - startedAt,
  });
  return response;
}
