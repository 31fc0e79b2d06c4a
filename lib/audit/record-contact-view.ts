import { and, eq, gte } from "drizzle-orm";
import { auditLog } from "../../db/schema/operations.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { recordAudit } from "./record-audit.ts";

/** One entry per user and lead per hour is enough to answer "who has seen this person's details". */
const WINDOW_MINUTES = 60;

/** Records that a user opened a lead's contact details (the lead page), for the audit view. */
export async function recordContactView(session: Session, leadId: string, now = new Date()): Promise<void> {
  await withTenant(session.dealershipId, async (tx) => {
    const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
    const [recent] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.dealershipId, tx.dealershipId),
          eq(auditLog.action, "lead.contact_viewed"),
          eq(auditLog.actorUserId, session.userId),
          eq(auditLog.targetId, leadId),
          gte(auditLog.createdAt, since),
        ),
      )
      .limit(1);
    if (recent) return;
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "lead.contact_viewed",
      targetType: "lead",
      targetId: leadId,
    });
  });
}
