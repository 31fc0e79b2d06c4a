import { z } from "zod";
import { USER_ROLES } from "../../db/schema/enums.ts";

// Team management (Settings → Team). Messages are Norwegian: users see them next to the field.
export const memberIdInput = z.object({ userId: z.uuid("Ugyldig bruker") });
export const changeMemberRoleInput = memberIdInput.extend({ role: z.enum(USER_ROLES, "Ugyldig rolle") });

export const LAST_ADMIN_MESSAGE = "Dere må ha minst én aktiv administrator";
