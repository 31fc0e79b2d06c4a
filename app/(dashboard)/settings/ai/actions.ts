"use server";

import { revalidatePath } from "next/cache";
import { aiSettingsInput, testLeadInput } from "@/lib/ai-settings/schemas";
import { sendTestLead } from "@/lib/ai-settings/send-test-lead";
import { updateAiSettings } from "@/lib/ai-settings/update-ai-settings";
import { ROLES_MANAGE_HOURS_AND_AI } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";

export const updateAiSettingsAction = tenantAction(
  aiSettingsInput,
  async (input, session) => {
    await updateAiSettings(session, input);
    revalidatePath("/settings/ai");
    return { saved: true };
  },
  { roles: ROLES_MANAGE_HOURS_AND_AI },
);

export const sendTestLeadAction = tenantAction(
  testLeadInput,
  async (input, session) => {
    const result = await sendTestLead(session, input);
    revalidatePath("/leads");
    return result;
  },
  { roles: ROLES_MANAGE_HOURS_AND_AI },
);
