import { readBodyBytes } from "../http/responses.ts";
import { readUploadedEmail } from "./read-inbound-payload.ts";
import { storeInboundEmail, type StoredEmail } from "./store-inbound-email.ts";

/**
 * An .eml from the dashboard's upload button or POST /api/emails. Below the 10 MB the proxy passes through
 * unbuffered (Next's proxyClientMaxBodySize); mail that large comes through the webhook anyway.
 */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** Stores an uploaded message for the caller's dealership and queues it like any received mail. */
export async function receiveUploadedEmail(req: Request, dealershipId: string): Promise<StoredEmail> {
  const body = await readBodyBytes(req, UPLOAD_LIMIT_BYTES);
  const { payload, envelope } = await readUploadedEmail(req.headers.get("content-type") ?? "", body);
  return storeInboundEmail(dealershipId, payload, envelope);
}
