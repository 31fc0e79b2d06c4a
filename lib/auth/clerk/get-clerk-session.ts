import { auth } from "@clerk/nextjs/server";
import type { Session } from "../session-types.ts";
import { resolveClerkSession } from "./resolve-clerk-session.ts";

/** The Clerk-signed-in user of this request in their active organization; needs clerkMiddleware on the route. */
export async function getClerkSession(): Promise<Session | null> {
  const { userId, orgId } = await auth();
  if (!userId) return null;
  return resolveClerkSession({ clerkUserId: userId, clerkOrgId: orgId });
}
