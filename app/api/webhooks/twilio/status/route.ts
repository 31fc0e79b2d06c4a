// POST /api/webhooks/twilio/status – Twilio SMS status callbacks (form-encoded, X-Twilio-Signature). 403 for a bad
// signature, 503 until the auth token is set (Twilio retries). The body is not logged: it carries phone numbers.
import { BODY_LIMITS } from "@/lib/edge/body-limits";
import { handleWebhook, notConfigured, rejectSignature } from "@/lib/edge/handle-webhook";
import { readBodyText } from "@/lib/edge/read-body";
import { normalizeInput } from "@/lib/text/clean-input";
import { json } from "@/lib/edge/responses";
import { handleTwilioStatus } from "@/lib/deliveries/handle-twilio-status";
import { readTwilioAuthToken, verifyTwilioSignature } from "@/lib/integrations/sms/verify-twilio-signature";

export async function POST(req: Request): Promise<Response> {
  const authToken = readTwilioAuthToken();
  if (!authToken) return notConfigured();
  return handleWebhook(req, "twilio", async (call) => {
    const rawBody = await readBodyText(req, BODY_LIMITS.twilio);
    const verdict = verifyTwilioSignature({ headers: req.headers, url: req.url, rawBody }, authToken);
    if (!verdict.ok) return rejectSignature(call, verdict.message, 403);
    const result = await handleTwilioStatus(normalizeInput(verdict.event));
    Object.assign(call, { dealershipId: result.dealershipId, leadId: result.leadId });
    return json({ status: result.status });
  });
}
