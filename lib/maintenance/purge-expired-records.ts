import { and, eq, isNotNull, lt, or, sql } from "drizzle-orm";
import { authTokens, invitations, rateLimits, sessions } from "../../db/schema/auth.ts";
import { emails } from "../../db/schema/emails.ts";
import { webhookRequests } from "../../db/schema/operations.ts";
import { withSystem } from "../db/tenant.ts";

const WEBHOOK_LOG_RETENTION_DAYS = 14;
/** Mail set aside (spam, newsletters, automatic replies, "not a lead") is personal data nobody needs for long. */
const IGNORED_EMAIL_RETENTION_DAYS = 30;

/** Hourly housekeeping across all dealerships: expired credentials, old debugging logs, set-aside e-mail. */
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
    const ignoredEmails = await tx
      .delete(emails)
      .where(
        and(
          eq(emails.processingStatus, "ignored"),
          lt(emails.receivedAt, sql`now() - make_interval(days => ${IGNORED_EMAIL_RETENTION_DAYS})`),
        ),
      )
      .returning({ id: emails.id });
    return {
      sessions: expiredSessions.length,
      authTokens: expiredTokens.length,
      invitations: staleInvitations.length,
      webhookRequests: oldWebhooks.length,
      ignoredEmails: ignoredEmails.length,
    };
  });
}
