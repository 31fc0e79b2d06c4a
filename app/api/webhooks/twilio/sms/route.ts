// POST /api/webhooks/twilio/sms – customers' SMS/MMS to a dealership's Twilio number (form-encoded,
// X-Twilio-Signature over the public URL). 403 for a bad signature, 503 until the auth token is set (Twilio
// retries), 400 for a body that is not an inbound message. Answers empty TwiML: every message to the customer
// leaves through lib/messaging. The body is not logged: it carries phone numbers and the customer's text.
import { BODY_LIMITS } from "@/lib/edge/body-limits";
import { handleWebhook, notConfigured, rejectSignature } from "@/lib/edge/handle-webhook";
import { readBodyText } from "@/lib/edge/read-body";
import { text } from "@/lib/edge/responses";
import { AppError } from "@/lib/errors";
import { receiveInboundSms } from "@/lib/inbound-sms/receive-inbound-sms";
import { readInboundSms } from "@/lib/integrations/sms/read-inbound-sms";
import { readTwilioAuthToken, verifyTwilioSignature } from "@/lib/integrations/sms/verify-twilio-signature";

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export async function POST(req: Request): Promise<Response> {
  const authToken = readTwilioAuthToken();
  if (!authToken) return notConfigured();
  return handleWebhook(req, "twilio-sms", async (call) => {
    const rawBody = await readBodyText(req, BODY_LIMITS.twilio);
    const verdict = verifyTwilioSignature({ headers: req.headers, url: req.url, rawBody }, authToken);
    if (!verdict.ok) return rejectSignature(call, verdict.message, 403);
    const sms = readInboundSms(verdict.event);
    if (!sms)
      throw new AppError("bad_request", "Not a Twilio inbound message: MessageSid, From or To missing");
    const result = await receiveInboundSms(sms);
    Object.assign(call, {
      dealershipId: result.dealershipId,
      leadId: result.leadId,
      error: result.status === "unrouted" ? "unrouted" : null,
    });
    return text(EMPTY_TWIML, {
      headers: { "content-type": "text/xml; charset=utf-8", "x-norvalt-sms": result.status },
    });
  });
}
