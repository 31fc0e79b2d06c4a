import { and, desc, eq, sql } from "drizzle-orm";
import { vehicleImportRuns, vehicleImportSettings } from "../../db/schema/vehicle-imports.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";

export type ImportSettings = typeof vehicleImportSettings.$inferSelect;

export async function findImportSettings(tx: TenantTx): Promise<ImportSettings | null> {
  const [row] = await tx
    .select()
    .from(vehicleImportSettings)
    .where(eq(vehicleImportSettings.dealershipId, tx.dealershipId));
  return row ?? null;
}

export function getImportSettings(tenant: Tenant): Promise<ImportSettings | null> {
  return withTenant(tenant.dealershipId, (tx) => findImportSettings(tx));
}

/** Creates the dealership's settings row on first use; only the given columns change. */
export async function saveImportSettings(
  tx: TenantTx,
  values: Partial<Omit<typeof vehicleImportSettings.$inferInsert, "id" | "dealershipId">>,
): Promise<ImportSettings> {
  const [row] = await tx
    .insert(vehicleImportSettings)
    .values({ ...values, dealershipId: tx.dealershipId })
    .onConflictDoUpdate({
      target: vehicleImportSettings.dealershipId,
      set: { ...values, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

export type ImportRun = typeof vehicleImportRuns.$inferSelect;

export async function recordImportRun(
  tx: TenantTx,
  run: Omit<typeof vehicleImportRuns.$inferInsert, "id" | "dealershipId" | "createdAt">,
): Promise<ImportRun> {
  const [row] = await tx
    .insert(vehicleImportRuns)
    .values({ ...run, errors: (run.errors ?? []).slice(0, 200), dealershipId: tx.dealershipId })
    .returning();
  return row!;
}

/** The latest runs, newest first (the import page's log). */
export function findImportRuns(tenant: Tenant, limit = 20): Promise<ImportRun[]> {
  return withTenant(tenant.dealershipId, (tx) =>
    tx
      .select()
      .from(vehicleImportRuns)
      .where(and(eq(vehicleImportRuns.dealershipId, tx.dealershipId)))
      .orderBy(desc(vehicleImportRuns.createdAt))
      .limit(limit),
  );
}
