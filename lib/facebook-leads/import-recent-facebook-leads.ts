import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { getMetaGraph } from "../integrations/meta-graph/get-meta-graph.ts";
import { decryptSecret } from "../security/encrypt-secret.ts";
import { normalizeInput } from "../text/clean-input.ts";
import { findFacebookPage, toUserError } from "./manage-facebook-pages.ts";
import { storeLeadgenChanges, type LeadgenValue } from "./store-leadgen-changes.ts";

/** Meta keeps leads for 90 days; a Page never seen before is read that far back. */
const LOOKBACK_DAYS = 90;
/** Leads submitted just before the last one we saw may have been delivered out of order. */
const OVERLAP_MS = 60 * 60 * 1000;

/**
 * "Import recent leads": lists the Page's lead forms and their leads since the last lead we saw (less an hour),
 * and stores each as a delivery like the webhook does. Deduplication on leadgen_id makes it safe to repeat; new
 * ones get the usual fetch job and reply. Recovers what was missed while the Page was disconnected.
 */
export async function importRecentFacebookLeads(
  session: Session,
  id: string,
  now = new Date(),
): Promise<{ forms: number; found: number; stored: number }> {
  const page = await withTenant(session.dealershipId, (tx) => findFacebookPage(tx, { id }));
  if (!page) throw new AppError("not_found", "Fant ikke siden");
  if (page.status !== "active")
    throw new AppError("bad_request", "Koble til siden på nytt før du henter leads");
  const token = decryptSecret(page.accessTokenSealed, page.pageId);
  const since = page.lastLeadAt
    ? new Date(page.lastLeadAt.getTime() - OVERLAP_MS)
    : new Date(now.getTime() - LOOKBACK_DAYS * 24 * 3600_000);

  try {
    const { formCount, leads } = normalizeInput(
      await getMetaGraph().listRecentLeads(token, page.pageId, since),
    );
    const values = leads.map((lead): LeadgenValue => {
      const created = lead.createdTime ? Date.parse(lead.createdTime) : NaN;
      return {
        leadgen_id: lead.id,
        page_id: page.pageId,
        form_id: lead.formId,
        created_time: Number.isFinite(created) ? Math.floor(created / 1000) : undefined,
      };
    });
    const result = await storeLeadgenChanges(values, "backfill");
    await withTenant(session.dealershipId, (tx) =>
      recordAudit(tx, {
        dealershipId: session.dealershipId,
        actorType: "user",
        actorUserId: session.userId,
        action: "facebook.leads_imported",
        data: { pageId: page.pageId, forms: formCount, found: values.length, stored: result.stored },
      }),
    );
    return { forms: formCount, found: values.length, stored: result.stored };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw toUserError(err, "Kunne ikke hente leads fra Facebook");
  }
}
