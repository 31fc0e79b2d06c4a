import { z } from "zod";
import { VEHICLE_STATUSES } from "../../db/schema/enums.ts";

/** GET /api/vehicles (PRD contract). Bad values are a 400 with field errors, never silently ignored. */
export const vehicleListQuery = z.object({
  status: z.enum(VEHICLE_STATUSES).optional(),
  /** Make, model or variant; every word must match one of them ("vw golf gti"). */
  search: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export type VehicleListQuery = z.output<typeof vehicleListQuery>;
