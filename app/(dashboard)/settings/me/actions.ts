"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getSessionToken } from "@/lib/auth/get-session";
import { ROLES_ALL } from "@/lib/auth/permissions";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { tenantAction } from "@/lib/auth/tenant-action";
import { changeMyPassword } from "@/lib/users/change-my-password";
import { confirmPhoneVerification } from "@/lib/users/confirm-phone-verification";
import { logOutEverywhere, revokeMySession } from "@/lib/users/revoke-my-sessions";
import {
  changePasswordInput,
  confirmPhoneInput,
  notificationPreferencesInput,
  sessionIdInput,
  startPhoneVerificationInput,
  updateNameInput,
} from "@/lib/users/schemas";
import { startPhoneVerification } from "@/lib/users/start-phone-verification";
import { updateMyName } from "@/lib/users/update-my-name";
import { updateNotificationPreferences } from "@/lib/users/update-notification-preferences";

// My profile: every role, always the signed-in user's own row (the user id comes from the session only).
const PAGE = "/settings/me";

export const updateMyNameAction = tenantAction(
  updateNameInput,
  async (input, session) => {
    await updateMyName(session, input);
    revalidatePath("/", "layout");
    return { name: input.name };
  },
  { roles: ROLES_ALL },
);

export const startPhoneVerificationAction = tenantAction(
  startPhoneVerificationInput,
  async (input, session) => {
    const sent = await startPhoneVerification(session, input);
    revalidatePath(PAGE);
    return { phone: sent.phone };
  },
  { roles: ROLES_ALL },
);

export const confirmPhoneAction = tenantAction(
  confirmPhoneInput,
  async (input, session) => {
    const verified = await confirmPhoneVerification(session, input);
    revalidatePath(PAGE);
    return verified;
  },
  { roles: ROLES_ALL },
);

export const changePasswordAction = tenantAction(
  changePasswordInput,
  async (input, session) => {
    const result = await changeMyPassword(session, input, await getSessionToken());
    revalidatePath(PAGE);
    return result;
  },
  { roles: ROLES_ALL },
);

export const revokeSessionAction = tenantAction(
  sessionIdInput,
  async ({ id }, session) => {
    await revokeMySession(session, id);
    revalidatePath(PAGE);
    return { id };
  },
  { roles: ROLES_ALL },
);

export const logOutEverywhereAction = tenantAction(
  z.object({}),
  async (_input, session) => {
    await logOutEverywhere(session);
    (await cookies()).delete(SESSION_COOKIE);
    redirect("/sign-in");
  },
  { roles: ROLES_ALL },
);

export const updateNotificationPreferencesAction = tenantAction(
  notificationPreferencesInput,
  async (input, session) => {
    await updateNotificationPreferences(session, input);
    revalidatePath(PAGE);
    return { saved: true };
  },
  { roles: ROLES_ALL },
);
