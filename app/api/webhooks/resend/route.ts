// POST /api/webhooks/resend – Resend e-mail delivery events (svix-signed): sent, delivered, bounced, complained …
import { handleResendEvent } from "@/lib/deliveries/handle-resend-event";
import {
  readResendWebhookSecret,
  RESEND_WEBHOOK_MAX_BYTES,
  verifyResendSignature,
} from "@/lib/integrations/mailer/verify-resend-signature";
import { receiveDeliveryWebhook } from "@/lib/webhooks/receive-delivery-webhook";

export async function POST(req: Request): Promise<Response> {
  return receiveDeliveryWebhook(req, {
    source: "resend",
    readSecret: readResendWebhookSecret,
    maxBodyBytes: RESEND_WEBHOOK_MAX_BYTES,
    verify: verifyResendSignature,
    handle: handleResendEvent,
    rejectedStatus: 401,
  });
}
