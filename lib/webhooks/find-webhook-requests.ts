import { desc, eq } from "drizzle-orm";
import { webhookRequests } from "../../db/schema/operations.ts";
import type { Tx } from "../db/tenant.ts";

/** The dealership's latest webhook calls, for Settings → Integrations. */
export async function findWebhookRequests(tx: Tx, dealershipId: string, limit = 50) {
  return tx
    .select()
    .from(webhookRequests)
    .where(eq(webhookRequests.dealershipId, dealershipId))
    .orderBy(desc(webhookRequests.createdAt))
    .limit(limit);
}
