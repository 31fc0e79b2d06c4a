// POST /api/webhooks/clerk – Clerk organization/membership events (svix-signed), synced into dealerships and users.
// 404 while Clerk is not configured, 401 for a bad signature. No body in the log: it may be unsigned, and the
// signed ones carry personal data we keep in users already.
import { syncClerkEvent } from "@/lib/auth/clerk/sync-clerk-event";
import { readClerkWebhookSecret, verifyClerkWebhook } from "@/lib/auth/clerk/verify-clerk-webhook";
import { BODY_LIMITS } from "@/lib/edge/body-limits";
import { handleWebhook, rejectSignature } from "@/lib/edge/handle-webhook";
import { readSvixDelivery } from "@/lib/edge/read-svix-delivery";
import { normalizeInput } from "@/lib/text/clean-input";
import { json } from "@/lib/edge/responses";

export async function POST(req: Request): Promise<Response> {
  const secret = readClerkWebhookSecret();
  if (!secret) return json({ error: "not_found" }, { status: 404 });
  return handleWebhook(req, "clerk", async (call) => {
    const verdict = verifyClerkWebhook(await readSvixDelivery(req, BODY_LIMITS.clerk), secret);
    if (!verdict.ok) return rejectSignature(call, verdict.reason, 401);
    const event = normalizeInput(verdict.event);
    const { status } = await syncClerkEvent(event, event.id);
    return json({ status });
  });
}
