"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES_ADMIN } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { retryFailedJob } from "@/lib/jobs/retry-failed-job";

// The queue name comes from the list the admin saw; retryFailedJob looks the job up again with the
// session's dealership, so neither value is trusted.
const retryJobInput = z.object({ queue: z.string().min(1).max(200), id: z.uuid("Ugyldig id") });

export const retryFailedJobAction = tenantAction(
  retryJobInput,
  async (input, session) => {
    const retried = await retryFailedJob(session, input);
    revalidatePath("/settings/jobs");
    return retried;
  },
  { roles: ROLES_ADMIN },
);
