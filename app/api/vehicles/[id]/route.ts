// GET /api/vehicles/:id – one car; 404 for unknown ids and for other dealerships' ids alike.
import { ROLES_ALL } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { parsePathId } from "@/lib/edge/parse-path-id";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { getVehicleById } from "@/lib/vehicles/get-vehicle-by-id";
import { toVehicleJson } from "@/lib/vehicles/vehicle-json";

export const GET = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    const id = parsePathId(params.id, "Vehicle not found");
    const vehicle = await getVehicleById(principal, id);
    if (!vehicle) throw new AppError("not_found", "Vehicle not found");
    return json({ vehicle: toVehicleJson(vehicle) });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
