// GET /api/webhooks/facebook (PRD path /webhooks/facebook, a rewrite) – Meta's subscription check: echo
// hub.challenge when hub.verify_token is ours, else 403. POST – Lead Ads `leadgen` deliveries, signed over the raw
// bytes (X-Hub-Signature-256, 401 when missing or wrong): every change is stored with its fetch job before the 200,
// because Meta retries anything else for 36 hours (a retry is deduplicated). 503 until the app secret is set.
import { limitWebhookRate } from "@/lib/edge/limit-request-rate";
import { getEnv } from "@/env";
import { BODY_LIMITS } from "@/lib/edge/body-limits";
import { failWith, handleWebhook, notConfigured, rejectSignature } from "@/lib/edge/handle-webhook";
import { parseJsonText } from "@/lib/edge/parse-json-body";
import { readBodyBytes } from "@/lib/edge/read-body";
import { json, text } from "@/lib/edge/responses";
import {
  extractLeadgenValues,
  leadgenWebhookBody,
  storeLeadgenChanges,
} from "@/lib/facebook-leads/store-leadgen-changes";
import {
  verifyWebhookChallenge,
  verifyWebhookSignature,
} from "@/lib/integrations/meta-graph/verify-webhook-signature";

export function GET(req: Request): Promise<Response> {
  return handleWebhook(req, "facebook", async (call) => {
    const check = verifyWebhookChallenge(new URL(req.url).searchParams, getEnv().FACEBOOK_VERIFY_TOKEN);
    if (!check.ok) return failWith(call, check.reason, json({ error: "forbidden" }, { status: 403 }));
    return text(check.challenge, { headers: { "content-type": "text/plain" } });
  });
}

export function POST(req: Request): Promise<Response> {
  return handleWebhook(req, "facebook", async (call) => {
    const secret = getEnv().FACEBOOK_APP_SECRET;
    if (!secret) return failWith(call, "FACEBOOK_APP_SECRET is not set", notConfigured());
    await limitWebhookRate(req, "facebook");
    const bytes = await readBodyBytes(req, BODY_LIMITS.facebook);
    const signature = verifyWebhookSignature(req.headers.get("x-hub-signature-256"), bytes, secret);
    if (!signature.valid) return rejectSignature(call, signature.reason, 401);
    call.body = bytes.toString("utf8"); // ids and timestamps only: the lead's answers are fetched from Graph
    const delivery = parseJsonText(call.body, leadgenWebhookBody, "Not a webhook delivery");
    const { values, invalid } = extractLeadgenValues(delivery);
    const result = await storeLeadgenChanges(values);
    if (invalid) call.error = `${invalid} leadgen change(s) without leadgen_id/page_id ignored`;
    call.dealershipId = result.dealershipIds.length === 1 ? result.dealershipIds[0] : null;
    return json({
      status: "received",
      stored: result.stored,
      duplicates: result.duplicates,
      ignored: invalid,
    });
  });
}
