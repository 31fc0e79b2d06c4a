import { and, eq } from "drizzle-orm";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { enqueue } from "../jobs/enqueue.ts";

/**
 * Settings → Personvern (admin): the whole dealership as a zip of CSV/JSON, written by `privacy.dealership-export`.
 * One at a time: while one is running a second request is a conflict.
 */
export async function requestDealershipExport(session: Session): Promise<{ requestId: string }> {
  return withTenant(session.dealershipId, async (tx) => {
    const [running] = await tx
      .select({ id: privacyRequests.id })
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.dealershipId, tx.dealershipId),
          eq(privacyRequests.kind, "dealership_export"),
          eq(privacyRequests.status, "pending"),
        ),
      )
      .for("update");
    if (running) throw new AppError("conflict", "En eksport av hele forhandleren pågår allerede");
    const requestId = crypto.randomUUID();
    await tx.insert(privacyRequests).values({
      id: requestId,
      dealershipId: tx.dealershipId,
      kind: "dealership_export",
      // Not about one person: the hash column names the whole dealership.
      subjectHash: "dealership",
      requestedBy: session.userId,
    });
    await enqueue("privacy.dealership-export", { requestId, dealershipId: tx.dealershipId }, { tx });
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "privacy.dealership_export_requested",
      targetType: "privacy_request",
      targetId: requestId,
    });
    return { requestId };
  });
}
