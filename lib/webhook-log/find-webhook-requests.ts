import { desc, eq } from "drizzle-orm";
import { webhookRequests } from "../../db/schema/operations.ts";
import type { TenantTx } from "../db/tenant.ts";

/** The dealership's latest webhook calls, for Settings → Integrations. */
export async function findWebhookRequests(tx: TenantTx, limit = 50) {
  return tx
    .select()
    .from(webhookRequests)
    .where(eq(webhookRequests.dealershipId, tx.dealershipId))
    .orderBy(desc(webhookRequests.createdAt))
    .limit(limit);
}
