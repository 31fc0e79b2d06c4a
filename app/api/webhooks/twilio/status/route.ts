// POST /api/webhooks/twilio/status – Twilio SMS status callbacks (form-encoded, X-Twilio-Signature). 403 for a bad
// signature, 503 until the auth token is set (Twilio retries). The body is not logged: it carries phone numbers.
import { handleWebhook, notConfigured, rejectSignature, verdictOf } from "@/lib/edge/handle-webhook";
import { json } from "@/lib/edge/responses";
import { handleTwilioStatus } from "@/lib/integrations/sms/handle-twilio-status";
import { readTwilioAuthToken, verifyTwilioRequest } from "@/lib/integrations/sms/verify-twilio-request";

export async function POST(req: Request): Promise<Response> {
  const authToken = readTwilioAuthToken();
  if (!authToken) return notConfigured();
  return handleWebhook(req, "twilio", async (call) => {
    const verdict = await verdictOf(verifyTwilioRequest(req, authToken));
    if (!verdict.ok) return rejectSignature(call, verdict.reason, 403);
    const result = await handleTwilioStatus(verdict.value);
    Object.assign(call, { dealershipId: result.dealershipId, leadId: result.leadId });
    return json({ status: result.status });
  });
}
