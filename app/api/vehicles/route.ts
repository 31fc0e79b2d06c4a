// GET /api/vehicles – the dealership's inventory, filtered by status and make/model, paged (session or API key).
import { ROLES_ALL, ROLES_MANAGE_INVENTORY } from "@/lib/auth/permissions";
import { parseJsonBody } from "@/lib/edge/parse-json-body";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { createVehicle } from "@/lib/vehicles/save-vehicle";
import { parseQuery } from "@/lib/edge/parse-query";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { findVehiclePage } from "@/lib/vehicles/find-vehicles";
import { vehicleCreateInput, vehicleListQuery } from "@/lib/vehicles/schemas";
import { toVehicleJson } from "@/lib/vehicles/vehicle-json";

export const GET = withApiAuth(
  async ({ req, principal }) => {
    const query = parseQuery(req, vehicleListQuery);
    const page = await findVehiclePage(principal, query);
    return json({ ...page, vehicles: page.vehicles.map(toVehicleJson) });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);

// POST /api/vehicles – add a car (managers and admins, or an API key); 400 with field errors.
export const POST = withApiAuth(
  async ({ req, principal }) => {
    const input = await parseJsonBody(req, vehicleCreateInput);
    const vehicle = await createVehicle(leadActorOf(principal), input);
    return json({ vehicle: toVehicleJson(vehicle) }, { status: 201 });
  },
  { roles: ROLES_MANAGE_INVENTORY, allowApiKey: true },
);
