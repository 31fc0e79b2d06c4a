import { timingSafeEqual } from "node:crypto";
import { getEnv } from "../../env.ts";
import { errorResponse, json, parseJsonText, readBodyBytes } from "../http/responses.ts";
import { getClientIp } from "../http/client-ip.ts";
import {
  extractLeadgenValues,
  leadgenWebhookBody,
  storeLeadgenChanges,
} from "../facebook-leads/store-leadgen-changes.ts";
import { verifyWebhookSignature } from "../integrations/meta-graph/verify-webhook-signature.ts";
import { logWebhookRequest } from "./log-webhook-request.ts";

/** Meta batches up to 1,000 changes per POST (~250 bytes each). */
export const FACEBOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/** GET: Meta's subscription check. Echo hub.challenge when hub.verify_token is ours, else 403. */
export function answerFacebookVerification(req: Request): Response {
  const params = new URL(req.url).searchParams;
  const expected = getEnv().FACEBOOK_VERIFY_TOKEN;
  const given = params.get("hub.verify_token") ?? "";
  const challenge = params.get("hub.challenge");
  const ok =
    Boolean(expected) &&
    params.get("hub.mode") === "subscribe" &&
    challenge !== null &&
    safeEquals(Buffer.from(given), Buffer.from(expected!));
  logWebhookRequest(req, {
    source: "facebook",
    statusCode: ok ? 200 : 403,
    durationMs: 0,
    error: ok ? null : expected ? "verify token mismatch" : "FACEBOOK_VERIFY_TOKEN is not set",
  });
  if (!ok) return json({ error: "forbidden" }, { status: 403 });
  return new Response(challenge, { status: 200, headers: { "content-type": "text/plain" } });
}

/**
 * POST: leadgen deliveries. The signature is checked over the raw bytes before anything is parsed; a missing or
 * wrong one is a 401 with a security log entry and nothing stored. Valid deliveries are stored with their fetch
 * jobs before the 200 (Meta retries anything else for 36 hours, and a retry is deduplicated).
 */
export async function receiveFacebookWebhook(req: Request): Promise<Response> {
  const startedAt = Date.now();
  const secret = getEnv().FACEBOOK_APP_SECRET;
  let response: Response;
  let error: string | null = null;
  let rawBody: string | null = null;
  let dealershipId: string | null = null;
  try {
    // 503, not 404: Meta retries, so deliveries sent before the secret is configured are not lost.
    if (!secret) {
      error = "FACEBOOK_APP_SECRET is not set";
      response = json({ error: "not_configured" }, { status: 503 });
    } else {
      const bytes = await readBodyBytes(req, FACEBOOK_BODY_LIMIT_BYTES);
      const verdict = verifyWebhookSignature(req.headers.get("x-hub-signature-256"), bytes, secret);
      if (!verdict.valid) {
        error = verdict.reason;
        console.warn(
          `[security] facebook webhook rejected: ${verdict.reason} (ip ${getClientIp(req.headers) ?? "unknown"})`,
        );
        response = json({ error: "invalid_signature" }, { status: 401 });
      } else {
        rawBody = bytes.toString("utf8");
        const { values, invalid } = extractLeadgenValues(
          parseJsonText(rawBody, leadgenWebhookBody, "Not a webhook delivery"),
        );
        const result = await storeLeadgenChanges(values);
        for (const pageId of result.unmatchedPageIds) {
          // An operator alert: leads of a Page no dealership has connected wait as "unmatched" until one does.
          console.error(`[alert] facebook lead for page ${pageId}, which no dealership has connected`);
        }
        if (invalid) error = `${invalid} leadgen change(s) without leadgen_id/page_id ignored`;
        dealershipId = result.dealershipIds.length === 1 ? result.dealershipIds[0]! : null;
        response = json({
          status: "received",
          stored: result.stored,
          duplicates: result.duplicates,
          ignored: invalid,
        });
      }
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    response = errorResponse(err);
  }
  logWebhookRequest(req, {
    source: "facebook",
    statusCode: response.status,
    durationMs: Date.now() - startedAt,
    dealershipId,
    error,
    // Ids and timestamps only (the lead's answers are fetched from Graph, not sent here).
    body: rawBody,
  });
  return response;
}

function safeEquals(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
