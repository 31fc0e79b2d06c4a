import { and, eq } from "drizzle-orm";
import { getEnv } from "../../env.ts";
import { privacyRequests } from "../../db/schema/privacy.ts";
import type { Tenant } from "../db/tenant.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { signToken } from "../security/sign-token.ts";

export const EXPORT_TOKEN_PURPOSE = "privacy-export";

export type PrivacyRequestView = {
  id: string;
  kind: "export" | "erase";
  status: "pending" | "done" | "failed" | "expired";
  summary: Record<string, number>;
  createdAt: Date;
  completedAt: Date | null;
  expiresAt: Date | null;
  downloadedAt: Date | null;
  /** A signed link that works once, until the export expires; null when there is nothing to download. */
  downloadUrl: string | null;
};

/** One request of the caller's dealership (another dealership's id is not found). */
export async function getPrivacyRequest(
  tenant: Tenant,
  requestId: string,
  options: { now?: Date } = {},
): Promise<PrivacyRequestView> {
  const now = options.now ?? new Date();
  const [row] = await withTenant(tenant.dealershipId, (tx) =>
    tx
      .select({
        id: privacyRequests.id,
        kind: privacyRequests.kind,
        status: privacyRequests.status,
        summary: privacyRequests.summary,
        createdAt: privacyRequests.createdAt,
        completedAt: privacyRequests.completedAt,
        expiresAt: privacyRequests.expiresAt,
        downloadedAt: privacyRequests.downloadedAt,
      })
      .from(privacyRequests)
      .where(and(eq(privacyRequests.id, requestId), eq(privacyRequests.dealershipId, tx.dealershipId))),
  );
  if (!row) throw new AppError("not_found", "Privacy request not found");
  const expired = row.expiresAt !== null && row.expiresAt <= now;
  const status =
    row.status === "done" && row.kind === "export" && expired && !row.downloadedAt ? "expired" : row.status;
  const downloadable = row.kind === "export" && status === "done" && !row.downloadedAt && row.expiresAt;
  return {
    ...row,
    status,
    downloadUrl: downloadable
      ? new URL(
          `/api/privacy/exports/${signToken(EXPORT_TOKEN_PURPOSE, `${tenant.dealershipId}|${row.id}`, {
            expiresInSeconds: Math.max(1, Math.floor((row.expiresAt!.getTime() - now.getTime()) / 1000)),
            now,
          })}`,
          getEnv().APP_URL,
        ).toString()
      : null,
  };
}
