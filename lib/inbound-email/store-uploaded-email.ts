import type { Tenant } from "../db/tenant.ts";
import { readUploadedEmail } from "./read-inbound-payload.ts";
import { storeInboundEmail, type StoredEmail } from "./store-inbound-email.ts";

/**
 * An .eml from the dashboard's upload button or POST /api/emails (the file of a multipart form, or the message as
 * the body), stored for the caller's dealership and queued like any received mail.
 */
export async function storeUploadedEmail(
  tenant: Tenant,
  upload: { contentType: string; body: Buffer },
): Promise<StoredEmail> {
  const { payload, envelope } = await readUploadedEmail(upload.contentType, upload.body);
  return storeInboundEmail(tenant, payload, envelope);
}
