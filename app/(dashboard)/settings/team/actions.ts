"use server";

import { revalidatePath } from "next/cache";
import { getEnv } from "@/env";
import { resendInvitation } from "@/lib/auth/invitations";
import { ROLES_CHANGE_MEMBERS, ROLES_MANAGE_TEAM } from "@/lib/auth/permissions";
import { idInput } from "@/lib/auth/schemas";
import { tenantAction } from "@/lib/auth/tenant-action";
import { changeMemberRole } from "@/lib/users/change-member-role";
import { deactivateMember } from "@/lib/users/deactivate-member";
import { reactivateMember } from "@/lib/users/reactivate-member";
import { changeMemberRoleInput, memberIdInput } from "@/lib/users/schemas";

export const resendInvitationAction = tenantAction(
  idInput,
  async ({ id }, session) => {
    const { invitation, token } = await resendInvitation(session, id);
    revalidatePath("/settings/team");
    return { email: invitation.email, link: new URL(`/invite/${token}`, getEnv().APP_URL).toString() };
  },
  { roles: ROLES_MANAGE_TEAM },
);

export const changeMemberRoleAction = tenantAction(
  changeMemberRoleInput,
  async (input, session) => {
    const result = await changeMemberRole(session, input);
    revalidatePath("/settings/team");
    return result;
  },
  { roles: ROLES_CHANGE_MEMBERS },
);

export const deactivateMemberAction = tenantAction(
  memberIdInput,
  async (input, session) => {
    const result = await deactivateMember(session, input);
    revalidatePath("/settings/team");
    revalidatePath("/leads");
    return result;
  },
  { roles: ROLES_CHANGE_MEMBERS },
);

export const reactivateMemberAction = tenantAction(
  memberIdInput,
  async (input, session) => {
    const result = await reactivateMember(session, input);
    revalidatePath("/settings/team");
    return result;
  },
  { roles: ROLES_CHANGE_MEMBERS },
);
