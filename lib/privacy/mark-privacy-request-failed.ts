import { rm } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { withTenant } from "../db/tenant.ts";
import { scrubText } from "../log/redact.ts";
import { exportFileName, resolveExportPath } from "./export-dir.ts";

/**
 * An export job's final failure (its retries used up): the request ends `failed` with the reason, so it does not
 * stay "Venter" forever and Settings → Personvern offers "Prøv igjen". A person export keeps its sealed address
 * for that retry. Only a pending request changes; a half-written zip is removed.
 */
export async function markPrivacyRequestFailed(
  tenant: { dealershipId: string },
  input: { requestId: string; reason: string },
): Promise<void> {
  const failed = await withTenant(tenant.dealershipId, (tx) =>
    tx
      .update(privacyRequests)
      .set({ status: "failed", error: scrubText(input.reason).slice(0, 500), completedAt: new Date() })
      .where(
        and(
          eq(privacyRequests.id, input.requestId),
          eq(privacyRequests.dealershipId, tx.dealershipId),
          eq(privacyRequests.status, "pending"),
        ),
      )
      .returning({ kind: privacyRequests.kind }),
  );
  if (failed[0]?.kind === "dealership_export")
    await rm(resolveExportPath(exportFileName(tenant.dealershipId, input.requestId)) + ".part", {
      force: true,
    });
}
