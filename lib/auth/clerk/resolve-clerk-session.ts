import { and, eq } from "drizzle-orm";
import { dealerships } from "../../../db/schema/dealerships.ts";
import { users } from "../../../db/schema/users.ts";
import { withSystem } from "../../db/tenant.ts";
import type { Session } from "../session-types.ts";

/**
 * Maps a verified Clerk identity (user + active organization) to our session. The role comes from our users
 * row, kept in sync by the Clerk webhook, so a deactivated member or an organization we do not know gets null.
 * The tenant is what we are looking up, hence withSystem.
 */
export async function resolveClerkSession(ids: {
  clerkUserId: string;
  clerkOrgId: string | null | undefined;
}): Promise<Session | null> {
  if (!ids.clerkUserId || !ids.clerkOrgId) return null;
  const clerkOrgId = ids.clerkOrgId;
  const [row] = await withSystem((tx) =>
    tx
      .select({
        userId: users.id,
        dealershipId: users.dealershipId,
        role: users.role,
        name: users.name,
        email: users.email,
        dealershipName: dealerships.name,
        timeZone: dealerships.timezone,
      })
      .from(users)
      .innerJoin(dealerships, eq(dealerships.id, users.dealershipId))
      .where(
        and(
          eq(dealerships.clerkOrgId, clerkOrgId),
          eq(users.clerkUserId, ids.clerkUserId),
          eq(users.isActive, true),
        ),
      )
      .limit(1),
  );
  return row ? { ...row, via: "clerk" } : null;
}
