import { withTenant, type Tenant } from "../db/tenant.ts";
import { countVehicles, findVehicles } from "./find-vehicles.ts";
import { countInterestedLeads } from "./interested-leads.ts";
import type { VehicleListQuery } from "./schemas.ts";

/** One page of the Biler page: the cars, the filter's total and how many leads asked about each car. */
export function findVehicleList(tenant: Tenant, filter: VehicleListQuery) {
  return withTenant(tenant.dealershipId, async (tx) => {
    const cars = await findVehicles(tx, filter);
    const total = await countVehicles(tx, filter);
    const leadCounts = await countInterestedLeads(
      tx,
      cars.map((c) => c.id),
    );
    return {
      vehicles: cars.map((car) => ({ ...car, leadCount: leadCounts.get(car.id) ?? 0 })),
      total,
      page: Math.floor(filter.offset / filter.limit) + 1,
      pages: Math.max(1, Math.ceil(total / filter.limit)),
    };
  });
}
