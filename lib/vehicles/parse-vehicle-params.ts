import { z } from "zod";
import { VEHICLE_BODY_TYPES, VEHICLE_FUELS, VEHICLE_STATUSES } from "../../db/schema/enums.ts";
import type { VehicleListQuery } from "./schemas.ts";

export const VEHICLE_PAGE_SIZE = 25;
export const VEHICLE_SORTS = ["default", "-price", "price", "-year", "year", "mileage", "-updated"] as const;

// A shared or hand-edited URL with a bad value shows the list without that filter rather than an error page.
const params = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(VEHICLE_STATUSES).optional().catch(undefined),
  fuel: z.enum(VEHICLE_FUELS).optional().catch(undefined),
  body: z.enum(VEHICLE_BODY_TYPES).optional().catch(undefined),
  min: z.coerce.number().int().min(0).max(100_000_000).optional().catch(undefined),
  max: z.coerce.number().int().min(0).max(100_000_000).optional().catch(undefined),
  sort: z.enum(VEHICLE_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(40_000).catch(1).default(1),
});
export type VehicleParams = z.output<typeof params>;

/** The Biler page's URL → what the filters show and the list query. */
export function parseVehicleParams(raw: Record<string, string | string[] | undefined>): {
  params: VehicleParams;
  filter: VehicleListQuery;
} {
  const single = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]),
  );
  const p = params.parse(single);
  return {
    params: p,
    filter: {
      search: p.q || undefined,
      status: p.status,
      fuel: p.fuel,
      body_type: p.body,
      price_min: p.min,
      price_max: p.max,
      sort: p.sort,
      limit: VEHICLE_PAGE_SIZE,
      offset: (p.page - 1) * VEHICLE_PAGE_SIZE,
    },
  };
}

/** The page's URL with some params changed (paging keeps the filters). */
export function vehiclesHref(p: VehicleParams, change: Partial<VehicleParams>): string {
  const merged = { ...p, ...change };
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(merged))
    if (v !== undefined && v !== "" && !(k === "page" && v === 1)) search.set(k, String(v));
  const qs = search.toString();
  return qs ? `/vehicles?${qs}` : "/vehicles";
}
