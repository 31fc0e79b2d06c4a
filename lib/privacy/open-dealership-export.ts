import { createReadStream, type ReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { isUuid, withTenant } from "../db/tenant.ts";
import { verifyToken } from "../security/sign-token.ts";
import { resolveExportPath } from "./export-dir.ts";

export const DEALERSHIP_EXPORT_TOKEN_PURPOSE = "privacy-dealership-export";

/**
 * A download of the dealership-wide zip: the signed link names the dealership and the request (the signature is
 * the tenant check) and expires with the export. Unlike a person's export it may be fetched again until then (a
 * large file whose download broke off). Every download is audited. Null when expired, unknown or gone.
 */
export async function openDealershipExport(
  token: string,
  meta: { ip?: string | null; now?: Date } = {},
): Promise<{ stream: ReadStream; bytes: number; fileName: string } | null> {
  const now = meta.now ?? new Date();
  const [dealershipId = "", requestId = ""] =
    verifyToken(DEALERSHIP_EXPORT_TOKEN_PURPOSE, token, { now })?.split("|") ?? [];
  if (!isUuid(dealershipId) || !isUuid(requestId)) return null;
  const found = await withTenant(dealershipId, async (tx) => {
    const [row] = await tx
      .select({ filePath: privacyRequests.filePath, expiresAt: privacyRequests.expiresAt })
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.id, requestId),
          eq(privacyRequests.dealershipId, dealershipId),
          eq(privacyRequests.kind, "dealership_export"),
          eq(privacyRequests.status, "done"),
        ),
      );
    if (!row?.filePath || !row.expiresAt || row.expiresAt <= now) return null;
    const path = resolveExportPath(row.filePath);
    const bytes = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (bytes === null) return null;
    await recordAudit(tx, {
      dealershipId,
      actorType: "system",
      action: "privacy.dealership_exported",
      targetType: "privacy_request",
      targetId: requestId,
      ip: meta.ip ?? null,
    });
    return { path, bytes };
  });
  if (!found) return null;
  return {
    stream: createReadStream(found.path),
    bytes: found.bytes,
    fileName: `norvalt-eksport-${now.toISOString().slice(0, 10)}.zip`,
  };
}
