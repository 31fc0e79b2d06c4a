import { recordAudit } from "../../audit/record-audit.ts";
import type { Session } from "../../auth/session-types.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../errors.ts";
import { decryptSecret } from "../../security/encrypt-secret.ts";
import { callGraph } from "./graph-client.ts";
import { findPage, toUserError } from "./manage-facebook-pages.ts";
import type { GraphLead } from "./map-facebook-lead.ts";
import { storeLeadgenChanges, type LeadgenValue } from "./store-leadgen-changes.ts";

/** Meta keeps leads for 90 days; a Page never seen before is read that far back. */
const LOOKBACK_DAYS = 90;
/** Leads submitted just before the last one we saw may have been delivered out of order. */
const OVERLAP_MS = 60 * 60 * 1000;
const MAX_PAGES_PER_LIST = 50;

type Paged<T> = { data: T[]; paging?: { cursors?: { after?: string }; next?: string } };

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
  const page = await withTenant(session.dealershipId, (tx) => findPage(tx, session.dealershipId, id));
  if (!page) throw new AppError("not_found", "Fant ikke siden");
  if (page.status !== "active")
    throw new AppError("bad_request", "Koble til siden på nytt før du henter leads");
  const token = decryptSecret(page.accessTokenSealed, page.pageId);
  const since = page.lastLeadAt
    ? new Date(page.lastLeadAt.getTime() - OVERLAP_MS)
    : new Date(now.getTime() - LOOKBACK_DAYS * 24 * 3600_000);
  const filtering = JSON.stringify([
    { field: "time_created", operator: "GREATER_THAN", value: Math.floor(since.getTime() / 1000) },
  ]);

  const values: LeadgenValue[] = [];
  try {
    const forms = await readAll<{ id: string }>(`${page.pageId}/leadgen_forms`, token, { fields: "id" });
    for (const form of forms) {
      const leads = await readAll<GraphLead>(`${form.id}/leads`, token, {
        fields: "id,created_time,form_id",
        filtering,
      });
      for (const lead of leads) {
        const created = lead.created_time ? Date.parse(lead.created_time) : NaN;
        values.push({
          leadgen_id: lead.id,
          page_id: page.pageId,
          form_id: form.id,
          created_time: Number.isFinite(created) ? Math.floor(created / 1000) : undefined,
        });
      }
    }
    const result = await storeLeadgenChanges(values, "backfill");
    await withTenant(session.dealershipId, (tx) =>
      recordAudit(tx, {
        dealershipId: session.dealershipId,
        actorType: "user",
        actorUserId: session.userId,
        action: "facebook.leads_imported",
        data: { pageId: page.pageId, forms: forms.length, found: values.length, stored: result.stored },
      }),
    );
    return { forms: forms.length, found: values.length, stored: result.stored };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw toUserError(err, "Kunne ikke hente leads fra Facebook");
  }
}

/** Every item of a Graph list, following the `after` cursor while there is a next page. */
async function readAll<T>(path: string, token: string, query: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  for (let i = 0; i < MAX_PAGES_PER_LIST; i++) {
    const page = await callGraph<Paged<T>>(path, { token, query: { ...query, limit: "100", after } });
    items.push(...page.data);
    after = page.paging?.cursors?.after;
    if (!page.paging?.next || !after) break;
  }
  return items;
}
