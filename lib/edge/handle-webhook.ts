import { recordWebhookRequest } from "../webhook-log/record-webhook-request.ts";
import { addLogContext, withLogContext } from "../log/log-context.ts";
import { getClientIp } from "./client-ip.ts";
import { readRequestId, REQUEST_ID_HEADER } from "./request-id.ts";
import { errorResponse, json, withHeaders } from "./responses.ts";
import { getLogger } from "../log/logger.ts";

/** What a webhook handler learns as it goes, for the request log and the answer. */
export type WebhookCall = {
  dealershipId?: string | null;
  leadId?: string | null;
  /** The body to keep in the log; leave unset when it must not be stored (personal data, e-mail, unsigned). */
  body?: string | null;
  /** Why the call failed, when it answers a failure without throwing. */
  error?: string | null;
  /** Headers for whatever the answer turns out to be, errors included (the form's CORS headers). */
  headers?: Record<string, string>;
  /** Set by rejectSignature: the call is also reported as a security event. */
  signatureRejected?: boolean;
};

type Options = {
  /** A source's own answer to some errors (the form's HTML page for a plain form post); undefined: the JSON one. */
  renderError?: (err: unknown) => Response | undefined | Promise<Response | undefined>;
};

/**
 * One webhook call: runs the handler, maps a thrown error to its answer (AppError → status, anything else a
 * masked 500), and logs the call to webhook_requests behind the response — every call, accepted or not.
 */
export async function handleWebhook(
  req: Request,
  source: string,
  handler: (call: WebhookCall) => Promise<Response>,
  options: Options = {},
): Promise<Response> {
  const started = performance.now();
  const requestId = readRequestId(req.headers);
  const call: WebhookCall = {};
  return withLogContext({ requestId }, async () => {
    let response: Response;
    try {
      response = await handler(call);
    } catch (err) {
      call.error = err instanceof Error ? err.message : String(err);
      response = (await options.renderError?.(err)) ?? errorResponse(err);
    }
    addLogContext({ dealershipId: call.dealershipId });
    response = withHeaders(response, { ...call.headers, [REQUEST_ID_HEADER]: requestId });
    try {
      finish(req, source, call, response, started, requestId);
    } catch (err) {
      // The answer is decided (the lead may be stored): logging it must never turn it into a 500.
      getLogger("http").error({ err }, `could not log webhook ${source} ${response.status}`);
    }
    return response;
  });
}

function finish(
  req: Request,
  source: string,
  call: WebhookCall,
  response: Response,
  started: number,
  requestId: string,
): void {
  const ip = getClientIp(req.headers);
  const durationMs = Math.round(performance.now() - started);
  getLogger("http").info(
    { source, status: response.status, durationMs, leadId: call.leadId ?? undefined },
    `webhook ${source} ${response.status}`,
  );
  if (call.signatureRejected)
    getLogger("security").warn(`${source} webhook rejected: ${call.error} (ip ${ip ?? "unknown"})`);
  recordWebhookRequest({
    source,
    method: req.method,
    path: new URL(req.url).pathname,
    statusCode: response.status,
    durationMs,
    ip,
    userAgent: req.headers.get("user-agent"),
    dealershipId: call.dealershipId,
    leadId: call.leadId,
    requestId,
    body: call.body,
    error: call.error,
  });
}

/** A failure answered rather than thrown: `reason` goes to the request log, the caller sees `response`. */
export function failWith(call: WebhookCall, reason: string, response: Response): Response {
  call.error = reason;
  return response;
}

/** A missing or wrong signature: the status the vendor's docs expect, the reason in the log and nowhere else. */
export function rejectSignature(call: WebhookCall, reason: string, status: 401 | 403): Response {
  call.signatureRejected = true;
  return failWith(call, reason, json({ error: "invalid_signature" }, { status }));
}

/** No secret configured: 503, not 404, because vendors retry, so deliveries sent before it is set are not lost. */
export function notConfigured(): Response {
  return json({ error: "not_configured" }, { status: 503 });
}
