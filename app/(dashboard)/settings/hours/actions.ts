"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES_MANAGE_HOURS_AND_AI } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { updateBusinessHours } from "@/lib/business-hours/update-business-hours";

// The nested form (days → intervals, special days) is validated by businessHoursInput inside the domain call,
// which reports each error under its full path ("weekly.tue.1.close") for the field it belongs to.
export const updateBusinessHoursAction = tenantAction(
  z.unknown(),
  async (input, session) => {
    await updateBusinessHours(session, input);
    revalidatePath("/settings/hours");
    return { saved: true };
  },
  { roles: ROLES_MANAGE_HOURS_AND_AI },
);
