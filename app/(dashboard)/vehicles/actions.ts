"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ROLES_MANAGE_INVENTORY } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { createVehicle, deleteVehicle, updateVehicle } from "@/lib/vehicles/save-vehicle";
import { vehicleFormInput, vehicleIdInput, vehicleStatusInput } from "@/lib/vehicles/schemas";

// The add/edit form: one schema with the API (lib/vehicles/schemas.ts); a new car opens its own page.
export const saveVehicleAction = tenantAction(
  vehicleFormInput,
  async ({ id, ...input }, session) => {
    const actor = leadActorOf(session);
    const vehicle = id ? await updateVehicle(actor, id, input) : await createVehicle(actor, input);
    revalidatePath("/vehicles");
    if (!id) redirect(`/vehicles/${vehicle.id}?created=1`);
    return { id: vehicle.id };
  },
  { roles: ROLES_MANAGE_INVENTORY },
);

export const setVehicleStatusAction = tenantAction(
  vehicleStatusInput,
  async ({ id, status }, session) => {
    await updateVehicle(leadActorOf(session), id, { status });
    revalidatePath("/vehicles");
    revalidatePath(`/vehicles/${id}`);
    return { status };
  },
  { roles: ROLES_MANAGE_INVENTORY },
);

export const deleteVehicleAction = tenantAction(
  vehicleIdInput,
  async ({ id }, session) => {
    await deleteVehicle(leadActorOf(session), id);
    revalidatePath("/vehicles");
    redirect("/vehicles");
  },
  { roles: ROLES_MANAGE_INVENTORY },
);
