// POST /api/webhooks/twilio/status – Twilio SMS status callbacks (form-encoded, X-Twilio-Signature)
import { handleTwilioStatus } from "@/lib/integrations/sms/handle-twilio-status";
import { readTwilioAuthToken, verifyTwilioRequest } from "@/lib/integrations/sms/verify-twilio-request";
import { receiveDeliveryWebhook } from "@/lib/webhooks/receive-delivery-webhook";

export async function POST(req: Request): Promise<Response> {
  return receiveDeliveryWebhook(req, {
    source: "twilio",
    readSecret: readTwilioAuthToken,
    verify: verifyTwilioRequest,
    handle: handleTwilioStatus,
    rejectedStatus: 403,
  });
}
