import { and, eq, inArray } from "drizzle-orm";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { enqueue } from "../jobs/enqueue.ts";

/**
 * "Prøv igjen" on a failed export (a person's or the whole dealership's): back to pending and its job queued again,
 * with an audit entry, in one transaction. Another dealership's id, or a request that has not failed, is not found.
 */
export async function retryPrivacyRequest(
  session: Session,
  requestId: string,
): Promise<{ requestId: string }> {
  return withTenant(session.dealershipId, async (tx) => {
    const [request] = await tx
      .update(privacyRequests)
      .set({ status: "pending", error: null, completedAt: null, progressDone: 0 })
      .where(
        and(
          eq(privacyRequests.id, requestId),
          eq(privacyRequests.dealershipId, tx.dealershipId),
          eq(privacyRequests.status, "failed"),
          inArray(privacyRequests.kind, ["export", "dealership_export"]),
        ),
      )
      .returning({ id: privacyRequests.id, kind: privacyRequests.kind });
    if (!request) throw new AppError("not_found", "Fant ikke personvernforespørselen");
    const payload = { requestId: request.id, dealershipId: tx.dealershipId };
    if (request.kind === "dealership_export") await enqueue("privacy.dealership-export", payload, { tx });
    else await enqueue("privacy.export", payload, { tx });
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "privacy.request_retried",
      targetType: "privacy_request",
      targetId: request.id,
      data: { kind: request.kind },
    });
    return { requestId: request.id };
  });
}
