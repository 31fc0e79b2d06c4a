import type { SvixDelivery } from "../auth/clerk/verify-clerk-webhook.ts";
import { readBodyText } from "./read-body.ts";

/**
 * The parts of a svix-signed webhook (Clerk, Resend) its signature covers, for a pure check. svix-* is what the
 * vendors send; the unbranded webhook-* names are the same scheme (Standard Webhooks).
 */
export async function readSvixDelivery(req: Request, maxBytes: number): Promise<SvixDelivery> {
  const header = (name: string) =>
    req.headers.get(`svix-${name}`) ?? req.headers.get(`webhook-${name}`) ?? "";
  return {
    id: header("id"),
    timestamp: header("timestamp"),
    signature: header("signature"),
    body: await readBodyText(req, maxBytes),
  };
}
