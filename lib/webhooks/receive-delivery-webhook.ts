import type { HandledDeliveryEvent } from "../deliveries/apply-delivery-status.ts";
import { AppError } from "../errors.ts";
import { errorResponse, json, readBodyText } from "../http/responses.ts";
import { logWebhookRequest } from "./log-webhook-request.ts";

/** A port's answer about a signed request (lib/integrations/*\/verify-*-signature.ts), mapped to HTTP here. */
type Verdict<E> =
  { ok: true; event: E } | { ok: false; reason: "unsigned" | "bad_signature" | "not_json"; message: string };

/**
 * A vendor's delivery-status webhook (Resend, Twilio): check the secret is configured, read the body (413 over
 * the vendor's limit), verify the signature (the port's verdict), apply the event, log the call. Without the
 * secret we answer 503, not 404: vendors retry failed deliveries, so events sent before the secret is set are
 * not lost. The body is not logged: it carries recipients' addresses.
 */
export async function receiveDeliveryWebhook<E>(
  req: Request,
  vendor: {
    source: string;
    readSecret: () => string | undefined;
    maxBodyBytes: number;
    verify: (request: { headers: Headers; url: string; rawBody: string }, secret: string) => Verdict<E>;
    handle: (event: E) => Promise<HandledDeliveryEvent>;
    /** What the vendor's docs expect for a bad signature (Resend/svix 401, Twilio 403). */
    rejectedStatus: 401 | 403;
  },
): Promise<Response> {
  const secret = vendor.readSecret();
  if (!secret) return json({ error: "not_configured" }, { status: 503 });
  const startedAt = Date.now();
  let response: Response;
  let result: HandledDeliveryEvent | undefined;
  let error: string | null = null;
  try {
    const rawBody = await readBodyText(req, vendor.maxBodyBytes);
    const verdict = vendor.verify({ headers: req.headers, url: req.url, rawBody }, secret);
    if (verdict.ok) {
      result = await vendor.handle(verdict.event);
      response = json({ status: result.status });
    } else {
      error = verdict.message;
      response =
        verdict.reason === "not_json"
          ? errorResponse(new AppError("bad_request", verdict.message))
          : json({ error: "invalid_signature" }, { status: vendor.rejectedStatus });
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    response = errorResponse(err);
  }
  logWebhookRequest(req, {
    source: vendor.source,
    statusCode: response.status,
    dealershipId: result?.dealershipId,
    leadId: result?.leadId,
    error,
    durationMs: Date.now() - startedAt,
  });
  return response;
}
