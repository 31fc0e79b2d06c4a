import { and, eq, sql } from "drizzle-orm";
import { getEnv } from "../../env.ts";
import { privacyRequests } from "../../db/schema/privacy.ts";
import type { Tenant } from "../db/tenant.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { signToken } from "../security/sign-token.ts";
import { DEALERSHIP_EXPORT_TOKEN_PURPOSE } from "./open-dealership-export.ts";

export const EXPORT_TOKEN_PURPOSE = "privacy-export";

export type PrivacyRequestView = {
  id: string;
  kind: "export" | "erase" | "dealership_export";
  status: "pending" | "done" | "failed" | "expired";
  summary: Record<string, number>;
  createdAt: Date;
  completedAt: Date | null;
  expiresAt: Date | null;
  downloadedAt: Date | null;
  /** A signed link that works once, until the export expires; null when there is nothing to download. */
  downloadUrl: string | null;
  /** A person export's readable summary (HTML, printable to PDF): a second one-time link. */
  htmlUrl: string | null;
  /** Rows written of rows to write (a dealership-wide export; 0 of 0 otherwise). */
  progress: { done: number; total: number };
  fileBytes: number | null;
  /** Why the job gave up (scrubbed of addresses); set when `failed`. */
  error: string | null;
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
        htmlDownloadedAt: privacyRequests.htmlDownloadedAt,
        hasHtml: sql<boolean>`${privacyRequests.exportHtml} is not null`,
        progressDone: privacyRequests.progressDone,
        progressTotal: privacyRequests.progressTotal,
        fileBytes: privacyRequests.fileBytes,
        error: privacyRequests.error,
      })
      .from(privacyRequests)
      .where(and(eq(privacyRequests.id, requestId), eq(privacyRequests.dealershipId, tx.dealershipId))),
  );
  if (!row) throw new AppError("not_found", "Privacy request not found");
  const { htmlDownloadedAt, hasHtml, progressDone, progressTotal, ...rest } = row;
  const expired = row.expiresAt !== null && row.expiresAt <= now;
  const fetchedAll = row.kind === "export" && row.downloadedAt !== null && (htmlDownloadedAt ?? !hasHtml);
  const status =
    row.status === "done" && row.kind !== "erase" && expired && !fetchedAll ? "expired" : row.status;
  const live = status === "done" && row.expiresAt !== null;
  const link = (path: string, purpose: string, query = "") =>
    new URL(
      `${path}/${signToken(purpose, `${tenant.dealershipId}|${row.id}`, {
        expiresInSeconds: Math.max(1, Math.floor((row.expiresAt!.getTime() - now.getTime()) / 1000)),
        now,
      })}${query}`,
      getEnv().APP_URL,
    ).toString();
  let downloadUrl: string | null = null;
  let htmlUrl: string | null = null;
  if (live && row.kind === "export") {
    if (!row.downloadedAt) downloadUrl = link("/api/privacy/exports", EXPORT_TOKEN_PURPOSE);
    if (hasHtml && !htmlDownloadedAt)
      htmlUrl = link("/api/privacy/exports", EXPORT_TOKEN_PURPOSE, "?format=html");
  } else if (live && row.kind === "dealership_export") {
    downloadUrl = link("/api/privacy/dealership-exports", DEALERSHIP_EXPORT_TOKEN_PURPOSE);
  }
  return {
    ...rest,
    status,
    downloadUrl,
    htmlUrl,
    progress: { done: progressDone, total: progressTotal },
  };
}
