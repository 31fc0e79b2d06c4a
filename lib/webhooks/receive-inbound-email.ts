import { errorResponse, json, readBodyBytes } from "../http/responses.ts";
import {
  findDealershipForRecipients,
  findInboundWebhookScope,
} from "../inbound-email/find-inbound-target.ts";
import { readInboundRequest } from "../inbound-email/read-inbound-payload.ts";
import { storeInboundEmail } from "../inbound-email/store-inbound-email.ts";
import { logWebhookRequest } from "./log-webhook-request.ts";

/** SendGrid Inbound Parse's own limit, attachments included. */
export const INBOUND_EMAIL_LIMIT_BYTES = 30 * 1024 * 1024;

/**
 * POST /api/webhooks/email/inbound/<secret>: SendGrid Inbound Parse (parsed or raw mode) or a message/rfc822
 * body. The e-mail is stored with its processing job before the 200. What cannot be processed later is marked
 * failed in the dashboard, never answered with a 5xx: SendGrid would retry it for three days.
 */
export async function receiveInboundEmailWebhook(req: Request, secret: string): Promise<Response> {
  const startedAt = Date.now();
  let response: Response;
  let error: string | null = null;
  let dealershipId: string | null = null;
  try {
    const scope = await findInboundWebhookScope(secret);
    if (!scope) {
      error = "unknown webhook secret";
      response = json({ error: "not_found", message: "Unknown inbound address" }, { status: 404 });
    } else {
      const body = await readBodyBytes(req, INBOUND_EMAIL_LIMIT_BYTES);
      const { payload, envelope } = await readInboundRequest(req.headers.get("content-type") ?? "", body);
      dealershipId =
        scope.kind === "dealership"
          ? scope.dealershipId
          : await findDealershipForRecipients(envelope.recipients);
      if (!dealershipId) {
        // Like a mail server's "no such user": SendGrid does not retry a 4xx, and nobody owns this mail.
        error = `no dealership for recipients ${envelope.recipients.join(", ").slice(0, 300)}`;
        response = json(
          { error: "unknown_recipient", message: "No dealership has this address" },
          { status: 404 },
        );
      } else {
        const stored = await storeInboundEmail(dealershipId, payload, envelope);
        response = json({ status: stored.status, email_id: stored.emailId });
      }
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    response = errorResponse(err);
  }
  // No body in the request log: the e-mail itself is in `emails`, and a 30 MB attachment does not belong in a log.
  logWebhookRequest(req, {
    source: "email",
    statusCode: response.status,
    durationMs: Date.now() - startedAt,
    dealershipId,
    error,
  });
  return response;
}
