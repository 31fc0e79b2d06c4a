import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { sessions } from "../../db/schema/auth.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { users } from "../../db/schema/users.ts";
import { withSystem, withTenant, type Tenant } from "../db/tenant.ts";
import { SESSION_REFRESH_SECONDS, SESSION_TTL_SECONDS } from "./session-cookie.ts";
import type { Session } from "./session-types.ts";
import { generateToken, hashToken } from "./tokens.ts";

export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** Starts a built-in session; returns the cookie token (shown to nobody else, stored hashed). */
export async function createSession(user: { id: string; dealershipId: string }, meta: RequestMeta = {}) {
  const token = generateToken();
  await withTenant(user.dealershipId, (tx) =>
    tx.insert(sessions).values({
      dealershipId: user.dealershipId,
      userId: user.id,
      tokenHash: hashToken(token),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
    }),
  );
  return token;
}

/**
 * Resolves a cookie token to a session. Unknown, expired, revoked, tampered tokens and deactivated users all
 * give null. The tenant is not known until the token is found, hence withSystem.
 */
export async function findSessionByToken(token: string | undefined): Promise<Session | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  return withSystem(async (tx) => {
    const [row] = await tx
      .select({
        sessionId: sessions.id,
        lastSeenAt: sessions.lastSeenAt,
        userId: users.id,
        dealershipId: users.dealershipId,
        role: users.role,
        name: users.name,
        email: users.email,
        dealershipName: dealerships.name,
        timeZone: dealerships.timezone,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(dealerships, eq(dealerships.id, users.dealershipId))
      .where(
        and(
          eq(sessions.tokenHash, tokenHash),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql`now()`),
          eq(users.isActive, true),
        ),
      );
    if (!row) return null;
    if (Date.now() - row.lastSeenAt.getTime() > SESSION_REFRESH_SECONDS * 1000) {
      await tx
        .update(sessions)
        .set({
          lastSeenAt: sql`now()`,
          expiresAt: sql`now() + make_interval(secs => ${SESSION_TTL_SECONDS})`,
        })
        .where(eq(sessions.id, row.sessionId));
    }
    const { sessionId: _s, lastSeenAt: _l, ...session } = row;
    return { ...session, via: "builtin" as const };
  });
}

export async function revokeSessionByToken(token: string): Promise<void> {
  await withSystem((tx) =>
    tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(eq(sessions.tokenHash, hashToken(token))),
  );
}

/** Logs a user out everywhere (password reset, deactivation). */
export async function revokeUserSessions(tenant: Tenant, userId: string): Promise<void> {
  const { dealershipId } = tenant;
  await withTenant(dealershipId, (tx) =>
    tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(
        and(eq(sessions.dealershipId, dealershipId), eq(sessions.userId, userId), isNull(sessions.revokedAt)),
      ),
  );
}
