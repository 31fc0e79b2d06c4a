import { and, eq } from "drizzle-orm";
import { vehicles } from "../../db/schema/vehicles.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import type { Vehicle } from "./find-vehicles.ts";

/** One car, or null: another dealership's id looks exactly like a missing one. */
export async function getVehicleById(tenant: Tenant, vehicleId: string): Promise<Vehicle | null> {
  const { dealershipId } = tenant;
  const [vehicle] = await withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(vehicles)
      .where(and(eq(vehicles.id, vehicleId), eq(vehicles.dealershipId, dealershipId))),
  );
  return vehicle ?? null;
}
