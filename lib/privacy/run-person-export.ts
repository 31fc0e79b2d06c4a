import { and, eq } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { privacyRequests } from "../../db/schema/privacy.ts";
import { withTenant } from "../db/tenant.ts";
import { decryptSecret } from "../security/encrypt-secret.ts";
import { collectPersonExport } from "./export-person.ts";
import type { PersonQuery } from "./find-person.ts";
import { renderPersonExportHtml } from "./render-person-export-html.ts";
import { subjectSealContext } from "./request-person-export.ts";

/** How long a finished export waits for its one download. */
export const EXPORT_TTL_HOURS = 24;

/**
 * The `privacy.export` job: collects the export, stores it (JSON, and the readable HTML summary) on the request
 * for one download each and forgets the sealed address. Idempotent: a request that is no longer pending is left alone.
 */
export async function runPersonExport(
  tenant: { dealershipId: string },
  input: { requestId: string },
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  await withTenant(tenant.dealershipId, async (tx) => {
    const [request] = await tx
      .select()
      .from(privacyRequests)
      .where(and(eq(privacyRequests.id, input.requestId), eq(privacyRequests.dealershipId, tx.dealershipId)))
      .for("update");
    if (!request || request.status !== "pending" || request.kind !== "export" || !request.subjectSealed)
      return;
    const query = JSON.parse(
      decryptSecret(request.subjectSealed, subjectSealContext(request.id)),
    ) as PersonQuery;
    const data = await collectPersonExport(tx, query, { now });
    const [dealership] = await tx
      .select({ name: dealerships.name })
      .from(dealerships)
      .where(eq(dealerships.id, tx.dealershipId));
    const summary = Object.fromEntries(
      Object.entries(data.tables).map(([table, rows]) => [table, rows.length]),
    );
    await tx
      .update(privacyRequests)
      .set({
        status: "done",
        exportData: data,
        exportHtml: renderPersonExportHtml(data, dealership?.name ?? ""),
        subjectSealed: null,
        summary,
        completedAt: now,
        expiresAt: new Date(now.getTime() + EXPORT_TTL_HOURS * 3_600_000),
      })
      .where(eq(privacyRequests.id, request.id));
  });
}
