"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES_MANAGE_INVENTORY } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { AppError } from "@/lib/errors";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { runVehicleFeed } from "@/lib/vehicles/run-vehicle-feed";
import { saveVehicleFeed } from "@/lib/vehicles/save-vehicle-feed";
import { vehicleFeedInput } from "@/lib/vehicles/schemas";

export const saveVehicleFeedAction = tenantAction(
  vehicleFeedInput,
  async (input, session) => {
    await saveVehicleFeed(leadActorOf(session), input);
    revalidatePath("/vehicles/feed");
    return { saved: true };
  },
  { roles: ROLES_MANAGE_INVENTORY },
);

export const runVehicleFeedNowAction = tenantAction(
  z.object({}),
  async (_input, session) => {
    const result = await runVehicleFeed(session);
    revalidatePath("/vehicles/feed");
    revalidatePath("/vehicles");
    if (!result) throw new AppError("bad_request", "Ingen feed er lagret");
    if (!result.ok) throw new AppError("bad_request", result.error);
    return { created: result.summary.created, updated: result.summary.updated };
  },
  { roles: ROLES_MANAGE_INVENTORY },
);
