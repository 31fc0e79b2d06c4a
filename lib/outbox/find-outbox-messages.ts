import { desc, eq } from "drizzle-orm";
import { outboxMessages } from "../../db/schema/operations.ts";
import type { Tx } from "../db/tenant.ts";

export async function findOutboxMessages(tx: Tx, dealershipId: string, limit = 100) {
  return tx
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.dealershipId, dealershipId))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(limit);
}
