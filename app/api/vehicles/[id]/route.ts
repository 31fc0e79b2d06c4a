// GET, PATCH, DELETE /api/vehicles/:id – one car; 404 for unknown ids and for other dealerships' ids alike.
import { ROLES_ALL, ROLES_MANAGE_INVENTORY } from "@/lib/auth/permissions";
import { parseJsonBody } from "@/lib/edge/parse-json-body";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { deleteVehicle, updateVehicle } from "@/lib/vehicles/save-vehicle";
import { vehicleUpdateInput } from "@/lib/vehicles/schemas";
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

// PATCH: only the fields sent change; a new status stamps status_changed_at.
export const PATCH = withApiAuth<{ id: string }>(
  async ({ req, principal, params }) => {
    const id = parsePathId(params.id, "Vehicle not found");
    const input = await parseJsonBody(req, vehicleUpdateInput);
    const vehicle = await updateVehicle(leadActorOf(principal), id, input);
    return json({ vehicle: toVehicleJson(vehicle) });
  },
  { roles: ROLES_MANAGE_INVENTORY, allowApiKey: true },
);

// DELETE: soft delete; leads that cited the car keep it.
export const DELETE = withApiAuth<{ id: string }>(
  async ({ principal, params }) => {
    await deleteVehicle(leadActorOf(principal), parsePathId(params.id, "Vehicle not found"));
    return json({ status: "deleted" });
  },
  { roles: ROLES_MANAGE_INVENTORY, allowApiKey: true },
);
