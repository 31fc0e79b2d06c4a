import { desc, eq } from "drizzle-orm";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { getPrivacyRequest, type PrivacyRequestView } from "./get-privacy-request.ts";

/** The dealership's latest privacy requests (newest first), each with its status and, if due, its download link. */
export async function findPrivacyRequests(tenant: Tenant, limit = 20): Promise<PrivacyRequestView[]> {
  const rows = await withTenant(tenant.dealershipId, (tx) =>
    tx
      .select({ id: privacyRequests.id })
      .from(privacyRequests)
      .where(eq(privacyRequests.dealershipId, tx.dealershipId))
      .orderBy(desc(privacyRequests.createdAt))
      .limit(limit),
  );
  return Promise.all(rows.map((r) => getPrivacyRequest(tenant, r.id)));
}
