import { privacyRequests } from "../../db/schema/privacy.ts";
import type { Principal } from "../auth/session-types.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { encryptSecret } from "../security/encrypt-secret.ts";
import type { PersonQuery } from "./find-person.ts";
import { hashPrivacySubject } from "./subject-hash.ts";

/** The sealed query's AES-GCM context: a value sealed for one request never opens as another's. */
export const subjectSealContext = (requestId: string) => `privacy-request:${requestId}`;

/**
 * GDPR art. 15/20: records an export request and queues `privacy.export` in the same transaction. The address is
 * kept sealed on the request (never in the job payload) until the job has run.
 */
export async function requestPersonExport(
  principal: Principal,
  query: PersonQuery,
): Promise<{ requestId: string }> {
  return withTenant(principal.dealershipId, async (tx) => {
    const requestId = crypto.randomUUID();
    const userId = "userId" in principal ? principal.userId : null;
    await tx.insert(privacyRequests).values({
      id: requestId,
      dealershipId: tx.dealershipId,
      kind: "export",
      subjectHash: hashPrivacySubject(query),
      subjectSealed: encryptSecret(
        JSON.stringify({ email: query.email ?? null, phone: query.phone ?? null }),
        subjectSealContext(requestId),
      ),
      requestedBy: userId,
    });
    await enqueue("privacy.export", { requestId, dealershipId: tx.dealershipId }, { tx });
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: userId ? "user" : "api",
      actorUserId: userId,
      action: "privacy.export_requested",
      targetType: "privacy_request",
      targetId: requestId,
    });
    return { requestId };
  });
}
