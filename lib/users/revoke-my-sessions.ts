import { and, eq, isNull, sql } from "drizzle-orm";
import { sessions } from "../../db/schema/auth.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";

/** Ends one of the signed-in user's own sessions; anyone else's session id is "not found". */
export async function revokeMySession(session: Session, sessionId: string): Promise<void> {
  const { dealershipId, userId } = session;
  await withTenant(dealershipId, async (tx) => {
    const [ended] = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(sessions.id, sessionId),
          eq(sessions.dealershipId, dealershipId),
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
        ),
      )
      .returning({ id: sessions.id });
    if (!ended) throw new AppError("not_found", "Fant ikke økten");
    await recordAudit(tx, {
      dealershipId,
      actorType: "user",
      actorUserId: userId,
      action: "user.session_revoked",
      targetType: "session",
      targetId: sessionId,
      data: {},
    });
  });
}

/** "Logg ut overalt": every session of the user ends, this one included. */
export async function logOutEverywhere(session: Session): Promise<{ ended: number }> {
  const { dealershipId, userId } = session;
  return withTenant(dealershipId, async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: sql`now()` })
      .where(
        and(eq(sessions.dealershipId, dealershipId), eq(sessions.userId, userId), isNull(sessions.revokedAt)),
      )
      .returning({ id: sessions.id });
    await recordAudit(tx, {
      dealershipId,
      actorType: "user",
      actorUserId: userId,
      action: "user.logged_out_everywhere",
      targetType: "user",
      targetId: userId,
      data: { sessionsEnded: ended.length },
    });
    return { ended: ended.length };
  });
}
