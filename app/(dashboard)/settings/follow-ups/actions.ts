"use server";

import { revalidatePath } from "next/cache";
import { ROLES_MANAGE_FOLLOW_UPS } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { followUpRuleInput } from "@/lib/follow-ups/schemas";
import { updateFollowUpRule } from "@/lib/follow-ups/update-follow-up-rule";

export const updateFollowUpRuleAction = tenantAction(
  followUpRuleInput,
  async (input, session) => {
    await updateFollowUpRule(session, input);
    revalidatePath("/settings/follow-ups");
    return { saved: true };
  },
  { roles: ROLES_MANAGE_FOLLOW_UPS },
);
