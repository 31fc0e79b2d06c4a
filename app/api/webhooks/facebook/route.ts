// GET /api/webhooks/facebook – Meta's verification challenge; POST – Lead Ads `leadgen` deliveries (signed).
import { answerFacebookVerification, receiveFacebookWebhook } from "@/lib/webhooks/receive-facebook-webhook";

export function GET(req: Request): Response {
  return answerFacebookVerification(req);
}

export async function POST(req: Request): Promise<Response> {
  return receiveFacebookWebhook(req);
}
