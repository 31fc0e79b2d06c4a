// POST /api/webhooks/resend – Resend e-mail delivery events (svix-signed): sent, delivered, bounced, complained …
import { handleResendEvent } from "@/lib/integrations/mailer/handle-resend-event";
import {
  readResendWebhookSecret,
  verifyResendWebhook,
} from "@/lib/integrations/mailer/verify-resend-webhook";
import { receiveDeliveryWebhook } from "@/lib/webhooks/receive-delivery-webhook";

export async function POST(req: Request): Promise<Response> {
  return receiveDeliveryWebhook(req, {
    source: "resend",
    readSecret: readResendWebhookSecret,
    verify: verifyResendWebhook,
    handle: handleResendEvent,
    rejectedStatus: 401,
  });
}
