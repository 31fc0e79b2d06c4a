import { eq } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";

/** The tenant's own dealership row, or null when it no longer exists. */
export function getDealership(tenant: Tenant) {
  return withTenant(tenant.dealershipId, selectDealership);
}

/** `getDealership` inside the caller's transaction. */
export async function selectDealership(tx: TenantTx) {
  const [row] = await tx.select().from(dealerships).where(eq(dealerships.id, tx.dealershipId));
  return row ?? null;
}
