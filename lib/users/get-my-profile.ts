import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { sessions } from "../../db/schema/auth.ts";
import { users, phoneVerifications } from "../../db/schema/users.ts";
import type { Session } from "../auth/session-types.ts";
import { hashToken } from "../auth/tokens.ts";
import { withTenant } from "../db/tenant.ts";

/**
 * My profile's data for the signed-in user only: the user id comes from the session, never from the client.
 * `currentToken` (the session cookie) marks which listed session is this browser.
 */
export async function getMyProfile(session: Session, currentToken?: string | null) {
  const { dealershipId, userId } = session;
  return withTenant(dealershipId, async (tx) => {
    const [user] = await tx
      .select({
        name: users.name,
        email: users.email,
        phone: users.phone,
        phoneVerifiedAt: users.phoneVerifiedAt,
        hasPassword: sql<boolean>`${users.passwordHash} is not null`,
        notificationPreferences: users.notificationPreferences,
      })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId)));
    if (!user) return null;
    const [pending] = await tx
      .select({ phone: phoneVerifications.phone, expiresAt: phoneVerifications.expiresAt })
      .from(phoneVerifications)
      .where(
        and(
          eq(phoneVerifications.userId, userId),
          eq(phoneVerifications.dealershipId, dealershipId),
          gt(phoneVerifications.expiresAt, sql`now()`),
        ),
      );
    const currentHash = currentToken ? hashToken(currentToken) : null;
    const rows = await tx
      .select({
        id: sessions.id,
        userAgent: sessions.userAgent,
        ip: sessions.ip,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        tokenHash: sessions.tokenHash,
      })
      .from(sessions)
      .where(
        and(
          eq(sessions.dealershipId, dealershipId),
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql`now()`),
        ),
      )
      .orderBy(sql`${sessions.lastSeenAt} desc`);
    const activeSessions = rows.map(({ tokenHash, ...s }) => ({ ...s, current: tokenHash === currentHash }));
    return { ...user, pendingPhone: pending ?? null, sessions: activeSessions };
  });
}

export type MyProfile = NonNullable<Awaited<ReturnType<typeof getMyProfile>>>;
