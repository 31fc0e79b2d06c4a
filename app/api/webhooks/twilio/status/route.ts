// POST /api/webhooks/twilio/status – Twilio SMS status callbacks (form-encoded, X-Twilio-Signature)
import { handleTwilioStatus } from "@/lib/deliveries/handle-twilio-status";
import {
  readTwilioAuthToken,
  TWILIO_WEBHOOK_MAX_BYTES,
  verifyTwilioSignature,
} from "@/lib/integrations/sms/verify-twilio-signature";
import { receiveDeliveryWebhook } from "@/lib/webhooks/receive-delivery-webhook";

export async function POST(req: Request): Promise<Response> {
  return receiveDeliveryWebhook(req, {
    source: "twilio",
    readSecret: readTwilioAuthToken,
    maxBodyBytes: TWILIO_WEBHOOK_MAX_BYTES,
    verify: verifyTwilioSignature,
    handle: handleTwilioStatus,
    rejectedStatus: 403,
  });
}
