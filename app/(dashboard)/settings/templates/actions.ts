"use server";

import { revalidatePath } from "next/cache";
import { ROLES_MANAGE_TEMPLATES } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { deleteReplyTemplate } from "@/lib/templates/delete-reply-template";
import { saveReplyTemplate } from "@/lib/templates/save-reply-template";
import { replyTemplateDeleteInput, replyTemplateInput } from "@/lib/templates/schemas";

export const saveReplyTemplateAction = tenantAction(
  replyTemplateInput,
  async (input, session) => {
    const saved = await saveReplyTemplate(session, input);
    revalidatePath("/settings/templates");
    return saved;
  },
  { roles: ROLES_MANAGE_TEMPLATES },
);

export const deleteReplyTemplateAction = tenantAction(
  replyTemplateDeleteInput,
  async ({ id }, session) => {
    const deleted = await deleteReplyTemplate(session, id);
    revalidatePath("/settings/templates");
    return deleted;
  },
  { roles: ROLES_MANAGE_TEMPLATES },
);
