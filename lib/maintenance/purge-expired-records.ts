import { and, isNotNull, lt, or, sql } from "drizzle-orm";
import { authTokens, invitations, rateLimits, sessions } from "../../db/schema/auth.ts";
import { webhookRequests } from "../../db/schema/operations.ts";
import { withSystem } from "../db/tenant.ts";

const WEBHOOK_LOG_RETENTION_DAYS = 14;

/** Hourly housekeeping across all dealerships: expired credentials and old debugging logs. */
export async function purgeExpiredRecords() {
  return withSystem(async (tx) => {
    const now = sql`now()`;
    const expiredSessions = await tx
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), isNotNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    const expiredTokens = await tx
      .delete(authTokens)
      .where(lt(authTokens.expiresAt, sql`now() - interval '1 day'`))
      .returning({ id: authTokens.id });
    const staleInvitations = await tx
      .delete(invitations)
      .where(and(lt(invitations.expiresAt, sql`now() - interval '30 days'`)))
      .returning({ id: invitations.id });
    await tx.delete(rateLimits).where(lt(rateLimits.windowStart, sql`now() - interval '1 day'`));
    const oldWebhooks = await tx
      .delete(webhookRequests)
      .where(lt(webhookRequests.createdAt, sql`now() - make_interval(days => ${WEBHOOK_LOG_RETENTION_DAYS})`))
      .returning({ id: webhookRequests.id });
    return {
      sessions: expiredSessions.length,
      authTokens: expiredTokens.length,
      invitations: staleInvitations.length,
      webhookRequests: oldWebhooks.length,
    };
  });
}
