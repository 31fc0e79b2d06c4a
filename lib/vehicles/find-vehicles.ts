import { asc, desc, eq } from "drizzle-orm";
import { vehicles } from "../../db/schema/vehicles.ts";
import type { Tx } from "../db/tenant.ts";

export async function findVehicles(tx: Tx, dealershipId: string) {
  return tx
    .select()
    .from(vehicles)
    .where(eq(vehicles.dealershipId, dealershipId))
    .orderBy(asc(vehicles.status), asc(vehicles.make), asc(vehicles.model), desc(vehicles.year));
}
