// GET /api/vehicles – the dealership's inventory, filtered by status and make/model, paged (session or API key).
import { ROLES_ALL } from "@/lib/auth/permissions";
import { parseQuery } from "@/lib/edge/parse-query";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { findVehiclePage } from "@/lib/vehicles/find-vehicles";
import { vehicleListQuery } from "@/lib/vehicles/schemas";
import { toVehicleJson } from "@/lib/vehicles/vehicle-json";

export const GET = withApiAuth(
  async ({ req, principal }) => {
    const query = parseQuery(req, vehicleListQuery);
    const page = await findVehiclePage(principal, query);
    return json({ ...page, vehicles: page.vehicles.map(toVehicleJson) });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
