"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { acceptInvitation } from "@/lib/auth/invitations";
import { logIn } from "@/lib/auth/log-in";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { logInWithLink, requestSignInLink } from "@/lib/auth/sign-in-link";
import {
  acceptInvitationInput,
  logInInput,
  requestPasswordResetInput,
  requestSignInLinkInput,
  signInLinkInput,
  resetPasswordInput,
  signUpInput,
} from "@/lib/auth/schemas";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { revokeSessionByToken } from "@/lib/auth/sessions";
import { signUp } from "@/lib/auth/sign-up";
import { publicAction } from "@/lib/auth/tenant-action";
import { getRequestMeta, safeNextPath } from "@/lib/edge/request-meta";

async function startSession(token: string) {
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions());
}

export const signUpAction = publicAction(signUpInput, async (input) => {
  const { sessionToken } = await signUp(input, await getRequestMeta());
  await startSession(sessionToken);
  redirect("/leads");
});

export const logInAction = publicAction(logInInput.extend({ next: z.string().optional() }), async (input) => {
  const { sessionToken } = await logIn(input, await getRequestMeta());
  await startSession(sessionToken);
  redirect(safeNextPath(input.next));
});

export async function logOutAction() {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await revokeSessionByToken(token);
  jar.delete(SESSION_COOKIE);
  redirect("/sign-in");
}

export const requestPasswordResetAction = publicAction(requestPasswordResetInput, async ({ email }) => {
  await requestPasswordReset(email);
  return { sent: true };
});

export const resetPasswordAction = publicAction(resetPasswordInput, async ({ token, password }) => {
  await resetPassword(token, password);
  return { reset: true };
});

export const acceptInvitationAction = publicAction(acceptInvitationInput, async (input) => {
  const { sessionToken } = await acceptInvitation(input, await getRequestMeta());
  await startSession(sessionToken);
  redirect("/leads");
});

export const requestSignInLinkAction = publicAction(requestSignInLinkInput, async ({ email }) => {
  await requestSignInLink(email);
  return { sent: true };
});

export const logInWithLinkAction = publicAction(signInLinkInput, async ({ token }) => {
  const { sessionToken } = await logInWithLink(token, await getRequestMeta());
  await startSession(sessionToken);
  redirect("/leads");
});
