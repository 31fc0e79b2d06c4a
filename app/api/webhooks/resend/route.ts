// POST /api/webhooks/resend – Resend e-mail delivery events (svix-signed): sent, delivered, bounced, complained …
// 401 for a bad signature, 503 until the secret is set (Resend retries). The body is not logged: it carries
// recipients' addresses.
import { handleWebhook, notConfigured, rejectSignature, verdictOf } from "@/lib/edge/handle-webhook";
import { json } from "@/lib/edge/responses";
import { handleResendEvent } from "@/lib/integrations/mailer/handle-resend-event";
import {
  readResendWebhookSecret,
  verifyResendWebhook,
} from "@/lib/integrations/mailer/verify-resend-webhook";

export async function POST(req: Request): Promise<Response> {
  const secret = readResendWebhookSecret();
  if (!secret) return notConfigured();
  return handleWebhook(req, "resend", async (call) => {
    const verdict = await verdictOf(verifyResendWebhook(req, secret));
    if (!verdict.ok) return rejectSignature(call, verdict.reason, 401);
    const result = await handleResendEvent(verdict.value);
    Object.assign(call, { dealershipId: result.dealershipId, leadId: result.leadId });
    return json({ status: result.status });
  });
}
