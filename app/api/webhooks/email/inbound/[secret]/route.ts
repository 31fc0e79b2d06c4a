// POST /api/webhooks/email/inbound/:secret – inbound e-mail (SendGrid Inbound Parse, parsed or raw; message/rfc822).
import { receiveInboundEmailWebhook } from "@/lib/webhooks/receive-inbound-email";

export async function POST(req: Request, { params }: { params: Promise<{ secret: string }> }) {
  return receiveInboundEmailWebhook(req, (await params).secret);
}
