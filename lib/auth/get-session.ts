import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { isClerkEnabled } from "../../env.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";
import type { Session } from "./session-types.ts";
import { findSessionByToken } from "./sessions.ts";

/** The signed-in user of this request, from Clerk when configured, else from our session cookie. Once per request. */
export const getSession = cache(async (): Promise<Session | null> => {
  if (isClerkEnabled()) {
    const { getClerkSession } = await import("./clerk/get-clerk-session.ts");
    return getClerkSession();
  }
  return findSessionByToken((await cookies()).get(SESSION_COOKIE)?.value);
});

export async function requireSession(): Promise<Session> {
  const session = await getSession();
  if (session) return session;
  if (isClerkEnabled()) {
    // Signed in with Clerk but no active organization we know (yet): let the user pick or create one.
    const { auth } = await import("@clerk/nextjs/server");
    if ((await auth()).userId) redirect("/select-organization");
    redirect("/sign-in");
  }
  // A cookie that no longer matches a live session (expired, revoked, tampered): say so on the sign-in page.
  const stale = (await cookies()).has(SESSION_COOKIE);
  redirect(stale ? "/sign-in?expired=1" : "/sign-in");
}

/** This browser's built-in session cookie (null under Clerk): My profile keeps it signed in and marks it. */
export async function getSessionToken(): Promise<string | null> {
  if (isClerkEnabled()) return null;
  return (await cookies()).get(SESSION_COOKIE)?.value ?? null;
}
