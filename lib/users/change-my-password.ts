import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { sessions } from "../../db/schema/auth.ts";
import { users } from "../../db/schema/users.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import type { Session } from "../auth/session-types.ts";
import { hashToken } from "../auth/tokens.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { consumeRateLimit } from "../rate-limit.ts";

/**
 * Built-in auth: a new password, with the current one as proof. Every other session of the user ends (a stolen
 * cookie dies with the old password); this browser's session, `currentToken`, stays signed in.
 */
export async function changeMyPassword(
  session: Session,
  input: { currentPassword: string; newPassword: string },
  currentToken: string | null | undefined,
): Promise<{ otherSessionsEnded: number }> {
  if (session.via !== "builtin") throw new AppError("forbidden", "Passordet endres hos Clerk");
  const { dealershipId, userId } = session;
  // Guessing the current password from a hijacked session is as slow as guessing it at the login form.
  await consumeRateLimit(`change-password:${userId}`, { limit: 5, windowSeconds: 15 * 60 });
  const [user] = await withTenant(dealershipId, (tx) =>
    tx
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId))),
  );
  if (!user?.passwordHash) throw new AppError("forbidden", "Denne brukeren har ikke passord hos oss");
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw new AppError("bad_request", "Sjekk feltene som er markert", {
      fieldErrors: { currentPassword: ["Feil passord"] },
    });
  const passwordHash = await hashPassword(input.newPassword);
  const keep = currentToken ? hashToken(currentToken) : "";
  return withTenant(dealershipId, async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(and(eq(users.id, userId), eq(users.dealershipId, dealershipId)));
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(sessions.dealershipId, dealershipId),
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          ne(sessions.tokenHash, keep),
        ),
      )
      .returning({ id: sessions.id });
    await recordAudit(tx, {
      dealershipId,
      actorType: "user",
      actorUserId: userId,
      action: "user.password_changed",
      targetType: "user",
      targetId: userId,
      data: { otherSessionsEnded: ended.length },
    });
    return { otherSessionsEnded: ended.length };
  });
}
