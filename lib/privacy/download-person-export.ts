import { and, eq, isNull } from "drizzle-orm";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { isUuid, withTenant } from "../db/tenant.ts";
import { verifyToken } from "../security/sign-token.ts";
import { EXPORT_TOKEN_PURPOSE } from "./get-privacy-request.ts";

/**
 * The one download of an export, per format (the JSON, and the readable HTML summary): the signed link names the
 * dealership and the request (the signature is the tenant check, as for unsubscribe links). Each format is dropped
 * from the database as it is handed out, so a second click, a forwarded link or an expired one finds nothing.
 */
export async function downloadPersonExport(
  token: string,
  meta: { ip?: string | null; now?: Date } = {},
): Promise<Record<string, unknown> | null> {
  const found = await takePersonExport(token, "json", meta);
  return found as Record<string, unknown> | null;
}

/** The readable summary (HTML, printable to PDF) of an export, once. */
export async function downloadPersonExportHtml(
  token: string,
  meta: { ip?: string | null; now?: Date } = {},
): Promise<string | null> {
  const found = await takePersonExport(token, "html", meta);
  return typeof found === "string" ? found : null;
}

async function takePersonExport(
  token: string,
  format: "json" | "html",
  meta: { ip?: string | null; now?: Date },
): Promise<Record<string, unknown> | string | null> {
  const now = meta.now ?? new Date();
  const payload = verifyToken(EXPORT_TOKEN_PURPOSE, token, { now });
  const [dealershipId = "", requestId = ""] = payload?.split("|") ?? [];
  if (!isUuid(dealershipId) || !isUuid(requestId)) return null;
  return withTenant(dealershipId, async (tx) => {
    const where = and(
      eq(privacyRequests.id, requestId),
      eq(privacyRequests.dealershipId, dealershipId),
      eq(privacyRequests.kind, "export"),
      eq(privacyRequests.status, "done"),
      isNull(format === "json" ? privacyRequests.downloadedAt : privacyRequests.htmlDownloadedAt),
    );
    const [row] = await tx
      .select({
        data: format === "json" ? privacyRequests.exportData : privacyRequests.exportHtml,
        expiresAt: privacyRequests.expiresAt,
      })
      .from(privacyRequests)
      .where(where)
      .for("update");
    if (!row?.data || (row.expiresAt && row.expiresAt <= now)) return null;
    await tx
      .update(privacyRequests)
      .set(
        format === "json"
          ? { exportData: null, downloadedAt: now }
          : { exportHtml: null, htmlDownloadedAt: now },
      )
      .where(where);
    await recordAudit(tx, {
      dealershipId,
      actorType: "system",
      action: "privacy.exported",
      targetType: "privacy_request",
      targetId: requestId,
      ip: meta.ip ?? null,
      data: { format },
    });
    return row.data;
  });
}
