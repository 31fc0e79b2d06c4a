// POST /api/webhooks/email/inbound/:secret – inbound e-mail: SendGrid Inbound Parse (parsed or raw mode) or a
// message/rfc822 body. Stored with its processing job before the 200; what cannot be processed later is marked
// failed in the dashboard, never answered with a 5xx (SendGrid would retry it for three days). The body is not
// logged: the e-mail itself is in `emails`, and a 30 MB attachment does not belong in a log.
import { limitWebhookRate } from "@/lib/edge/limit-request-rate";
import { BODY_LIMITS } from "@/lib/edge/body-limits";
import { failWith, handleWebhook } from "@/lib/edge/handle-webhook";
import { readBodyBytes } from "@/lib/edge/read-body";
import { json } from "@/lib/edge/responses";
import { findInboundWebhookScope } from "@/lib/inbound-email/find-inbound-target";
import { routeInboundEmail } from "@/lib/inbound-email/route-inbound-email";

export async function POST(req: Request, { params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  return handleWebhook(req, "email", async (call) => {
    await limitWebhookRate(req, "email");
    const scope = await findInboundWebhookScope(secret);
    if (!scope)
      return failWith(
        call,
        "unknown webhook secret",
        json({ error: "not_found", message: "Unknown inbound address" }, { status: 404 }),
      );
    const body = await readBodyBytes(req, BODY_LIMITS.inboundEmail);
    const mail = await routeInboundEmail(scope, { contentType: req.headers.get("content-type") ?? "", body });
    // Like a mail server's "no such user": SendGrid does not retry a 4xx, and nobody owns this mail.
    if (mail.status === "unknown_recipient")
      return failWith(
        call,
        `no dealership for recipients ${mail.recipients.join(", ").slice(0, 300)}`,
        json({ error: "unknown_recipient", message: "No dealership has this address" }, { status: 404 }),
      );
    call.dealershipId = mail.dealershipId;
    return json({ status: mail.status, email_id: mail.emailId });
  });
}
