import { and, eq, isNull } from "drizzle-orm";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { isUuid, withTenant } from "../db/tenant.ts";
import { verifyToken } from "../security/sign-token.ts";
import { EXPORT_TOKEN_PURPOSE } from "./get-privacy-request.ts";

/**
 * The one download of an export: the signed link names the dealership and the request (the signature is the
 * tenant check, as for unsubscribe links). The export is dropped from the database as it is handed out, so a
 * second click, a forwarded link or an expired one finds nothing (null).
 */
export async function downloadPersonExport(
  token: string,
  meta: { ip?: string | null; now?: Date } = {},
): Promise<Record<string, unknown> | null> {
  const now = meta.now ?? new Date();
  const payload = verifyToken(EXPORT_TOKEN_PURPOSE, token, { now });
  const [dealershipId = "", requestId = ""] = payload?.split("|") ?? [];
  if (!isUuid(dealershipId) || !isUuid(requestId)) return null;
  return withTenant(dealershipId, async (tx) => {
    const where = and(
      eq(privacyRequests.id, requestId),
      eq(privacyRequests.dealershipId, dealershipId),
      eq(privacyRequests.status, "done"),
      isNull(privacyRequests.downloadedAt),
    );
    const [row] = await tx
      .select({
        data: privacyRequests.exportData,
        expiresAt: privacyRequests.expiresAt,
        requestedBy: privacyRequests.requestedBy,
      })
      .from(privacyRequests)
      .where(where)
      .for("update");
    if (!row?.data || (row.expiresAt && row.expiresAt <= now)) return null;
    await tx.update(privacyRequests).set({ exportData: null, downloadedAt: now }).where(where);
    await recordAudit(tx, {
      dealershipId,
      actorType: "system",
      action: "privacy.exported",
      targetType: "privacy_request",
      targetId: requestId,
      ip: meta.ip ?? null,
    });
    return row.data;
  });
}
