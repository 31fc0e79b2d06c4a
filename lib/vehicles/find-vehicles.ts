import { and, asc, count, desc, eq, gte, ilike, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { vehicles } from "../../db/schema/vehicles.ts";
import { withTenant, type Tenant, type TenantTx } from "../db/tenant.ts";
import type { VehicleListQuery, VehicleSort } from "./schemas.ts";

export type VehicleFilter = Partial<VehicleListQuery>;

function whereOf(dealershipId: string, filter: VehicleFilter): SQL | undefined {
  return and(
    // Explicit tenant filter: RLS is the second lock, and this is what lets the planner use the indexes.
    eq(vehicles.dealershipId, dealershipId),
    // Deleted cars stay for the leads that cited them, but are gone from every list.
    isNull(vehicles.deletedAt),
    filter.status ? eq(vehicles.status, filter.status) : undefined,
    filter.fuel ? eq(vehicles.fuelType, filter.fuel) : undefined,
    filter.body_type ? eq(vehicles.bodyType, filter.body_type) : undefined,
    filter.price_min !== undefined ? gte(vehicles.priceNok, filter.price_min) : undefined,
    filter.price_max !== undefined ? lte(vehicles.priceNok, filter.price_max) : undefined,
    ...searchTerms(filter.search).map((term) =>
      or(
        ilike(vehicles.make, term),
        ilike(vehicles.model, term),
        ilike(vehicles.variant, term),
        ilike(vehicles.stockNumber, term),
        // Plates and VINs are stored without spaces or hyphens: "EL 12345" finds "EL12345".
        ilike(vehicles.registrationNumber, term.replace(/[\s-]/g, "").toUpperCase()),
        ilike(vehicles.vin, term.toUpperCase()),
      ),
    ),
  );
}

// One pattern per word, so "vw golf" finds make "VW" with model "Golf"; % and _ in the input match literally.
function searchTerms(search: string | undefined): string[] {
  return (search ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

const SORT_COLUMNS = {
  price: vehicles.priceNok,
  year: vehicles.year,
  mileage: vehicles.mileageKm,
  updated: vehicles.updatedAt,
} as const;

function orderOf(sort: VehicleSort | undefined): SQL[] {
  if (!sort || sort === "default")
    return [asc(vehicles.status), asc(vehicles.make), asc(vehicles.model), desc(vehicles.year)];
  const column = SORT_COLUMNS[sort.replace("-", "") as keyof typeof SORT_COLUMNS];
  return [sort.startsWith("-") ? sql`${column} desc nulls last` : sql`${column} asc nulls last`];
}

/** The inventory in the dashboard's order: available first, then by make and model, newest year first. */
export async function findVehicles(tx: TenantTx, filter: VehicleFilter = {}) {
  const query = tx
    .select()
    .from(vehicles)
    .where(whereOf(tx.dealershipId, filter))
    // id last: a stable order, so paging never repeats or skips a car with equal make/model/year.
    .orderBy(...orderOf(filter.sort), asc(vehicles.id));
  if (filter.limit === undefined) return query;
  return query.limit(filter.limit).offset(filter.offset ?? 0);
}

export type Vehicle = Awaited<ReturnType<typeof findVehicles>>[number];

export async function countVehicles(tx: TenantTx, filter: VehicleFilter = {}): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(vehicles).where(whereOf(tx.dealershipId, filter));
  return row?.n ?? 0;
}

/** The whole inventory in the dashboard's order (the Biler page). */
export function findAllVehicles(tenant: Tenant) {
  return withTenant(tenant.dealershipId, (tx) => findVehicles(tx));
}

/** One page of the inventory and the filter's total, in one tenant transaction (GET /api/vehicles). */
export async function findVehiclePage(tenant: Tenant, filter: VehicleListQuery) {
  // Sequential on purpose: one transaction is one connection, and pg runs one query at a time on it.
  return withTenant(tenant.dealershipId, async (tx) => {
    const onPage = await findVehicles(tx, filter);
    const total = await countVehicles(tx, filter);
    return {
      vehicles: onPage,
      total,
      page: Math.floor(filter.offset / filter.limit) + 1,
      pages: Math.max(1, Math.ceil(total / filter.limit)),
    };
  });
}
