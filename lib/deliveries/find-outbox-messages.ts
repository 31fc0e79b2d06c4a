import { desc, eq } from "drizzle-orm";
import { outboxMessages } from "../../db/schema/operations.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";

/** The dealership's latest outgoing messages, newest first: Settings → Outbox. */
export async function findOutboxMessages(tenant: Tenant, { limit = 100 }: { limit?: number } = {}) {
  return withTenant(tenant.dealershipId, (tx) =>
    tx
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.dealershipId, tx.dealershipId))
      .orderBy(desc(outboxMessages.createdAt))
      .limit(limit),
  );
}
