"use server";

import { revalidatePath } from "next/cache";
import { ROLES_MANAGE_CONVERSATION } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { conversationSettingsInput } from "@/lib/conversations/schemas";
import { updateConversationSettings } from "@/lib/conversations/update-conversation-settings";

export const updateConversationSettingsAction = tenantAction(
  conversationSettingsInput,
  async (input, session) => {
    await updateConversationSettings(session, input);
    revalidatePath("/settings/conversation");
    return { saved: true };
  },
  { roles: ROLES_MANAGE_CONVERSATION },
);
