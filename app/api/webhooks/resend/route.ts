// POST /api/webhooks/resend – Resend e-mail delivery events (svix-signed): sent, delivered, bounced, complained …
// 401 for a bad signature, 400 for a body that is not JSON, 503 until the secret is set (Resend retries). The body
// is not logged: it carries recipients' addresses.
import { BODY_LIMITS } from "@/lib/edge/body-limits";
import { handleWebhook, notConfigured, rejectSignature } from "@/lib/edge/handle-webhook";
import { readBodyText } from "@/lib/edge/read-body";
import { normalizeInput } from "@/lib/text/clean-input";
import { json } from "@/lib/edge/responses";
import { handleResendEvent } from "@/lib/deliveries/handle-resend-event";
import { AppError } from "@/lib/errors";
import {
  readResendWebhookSecret,
  verifyResendSignature,
} from "@/lib/integrations/mailer/verify-resend-signature";

export async function POST(req: Request): Promise<Response> {
  const secret = readResendWebhookSecret();
  if (!secret) return notConfigured();
  return handleWebhook(req, "resend", async (call) => {
    const rawBody = await readBodyText(req, BODY_LIMITS.resend);
    const verdict = verifyResendSignature({ headers: req.headers, rawBody }, secret);
    if (!verdict.ok && verdict.reason === "not_json") throw new AppError("bad_request", verdict.message);
    if (!verdict.ok) return rejectSignature(call, verdict.message, 401);
    const result = await handleResendEvent(normalizeInput(verdict.event));
    Object.assign(call, { dealershipId: result.dealershipId, leadId: result.leadId });
    return json({ status: result.status });
  });
}
