import { isAppError } from "../errors.ts";
import { errorResponse, json } from "../http/responses.ts";
import type { HandledDeliveryEvent } from "../integrations/outbox/apply-delivery-status.ts";
import { logWebhookRequest } from "./log-webhook-request.ts";

/**
 * A vendor's delivery-status webhook (Resend, Twilio): check the secret is configured, verify the signature,
 * apply the event, log the call. Without the secret we answer 503, not 404: vendors retry failed deliveries, so
 * events sent before the secret is set are not lost. The body is not logged: it carries recipients' addresses.
 */
export async function receiveDeliveryWebhook<E>(
  req: Request,
  vendor: {
    source: string;
    readSecret: () => string | undefined;
    verify: (req: Request, secret: string) => Promise<E>;
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
    result = await vendor.handle(await vendor.verify(req, secret));
    response = json({ status: result.status });
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    const rejected = isAppError(err) && (err.code === "unauthorized" || err.code === "forbidden");
    response = rejected
      ? json({ error: "invalid_signature" }, { status: vendor.rejectedStatus })
      : errorResponse(err);
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
