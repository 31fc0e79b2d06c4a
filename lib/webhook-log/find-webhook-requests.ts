import { desc, eq } from "drizzle-orm";
import { webhookRequests } from "../../db/schema/operations.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";

/** The dealership's latest webhook calls, for Settings → Integrations. */
export async function findWebhookRequests(tenant: Tenant, limit = 50) {
  return withTenant(tenant.dealershipId, (tx) =>
    tx
      .select()
      .from(webhookRequests)
      .where(eq(webhookRequests.dealershipId, tenant.dealershipId))
      .orderBy(desc(webhookRequests.createdAt))
      .limit(limit),
  );
}
