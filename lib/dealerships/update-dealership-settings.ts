import { eq, getTableColumns, sql } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { TenantTx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";

type DealershipValues = typeof dealerships.$inferInsert;

/**
 * A settings page's save: the dealership's row updated with `after`, and one audit entry holding what those
 * columns held before and what they hold now. The row is locked while it is read, so two saves at once leave a
 * true "before" in each entry.
 */
export async function updateDealershipSettings<K extends keyof DealershipValues>(
  tx: TenantTx,
  input: { actorUserId: string; action: string; after: Pick<DealershipValues, K> },
): Promise<void> {
  const columns = getTableColumns(dealerships);
  const keys = Object.keys(input.after) as K[];
  const [before] = await tx
    .select(Object.fromEntries(keys.map((key) => [key, columns[key]])) as Pick<typeof columns, K>)
    .from(dealerships)
    .where(eq(dealerships.id, tx.dealershipId))
    .for("no key update");
  if (!before) throw new AppError("not_found", "Fant ikke forhandleren");
  await tx
    .update(dealerships)
    .set({ ...input.after, updatedAt: sql`now()` })
    .where(eq(dealerships.id, tx.dealershipId));
  await recordAudit(tx, {
    dealershipId: tx.dealershipId,
    actorType: "user",
    actorUserId: input.actorUserId,
    action: input.action,
    targetType: "dealership",
    targetId: tx.dealershipId,
    data: { before, after: input.after },
  });
}
