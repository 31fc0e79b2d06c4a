import { and, eq, sql } from "drizzle-orm";
import { facebookLeadDeliveries, facebookPages } from "../../db/schema/facebook.ts";
import type { FacebookDeliveryStatus } from "../../db/schema/enums.ts";
import { withSystem, withTenant, type Tenant } from "../db/tenant.ts";
import { GraphError } from "../integrations/meta-graph/graph-error.ts";
import { getMetaGraph } from "../integrations/meta-graph/get-meta-graph.ts";
import type { GraphLead, LeadReadOptions } from "../integrations/meta-graph/meta-graph.ts";
import { ingestLead } from "../leads/ingest-lead.ts";
import { decryptSecret } from "../security/encrypt-secret.ts";
import { alertPageNeedsReconnect } from "./alert-page-needs-reconnect.ts";
import { mapFacebookLead } from "./map-facebook-lead.ts";
import { normalizeInput } from "../text/clean-input.ts";
import { getLogger } from "../log/logger.ts";

export type FetchOutcome =
  | { status: "processed"; leadId: string; ingest: "created" | "updated" | "merged"; isTest: boolean }
  | { status: "skipped"; reason: string }
  | { status: FacebookDeliveryStatus; reason: string };

/**
 * The `facebook.fetch-lead` job: read the lead from Graph with the Page's token, map it, and hand it to
 * ingestLead (source `facebook`, external id = leadgen_id, so a re-run returns the same lead). A refused token
 * (190) parks the delivery as `waiting` and the Page as `needs_reconnect`; reconnecting releases it. Transient
 * failures back off (in the port), then throw so pg-boss retries the job; other client errors fail the delivery
 * for good.
 */
export async function fetchFacebookLead(
  tenant: Tenant,
  { deliveryId }: { deliveryId: string },
  options: LeadReadOptions = {},
): Promise<FetchOutcome> {
  const { dealershipId } = tenant;
  // Read as the dealership the job names: a delivery of another tenant is simply not found.
  const found = await withTenant(dealershipId, async (tx) => {
    const [row] = await tx
      .select({ delivery: facebookLeadDeliveries, page: facebookPages })
      .from(facebookLeadDeliveries)
      .leftJoin(
        facebookPages,
        and(
          eq(facebookPages.pageId, facebookLeadDeliveries.pageId),
          eq(facebookPages.dealershipId, dealershipId),
        ),
      )
      .where(
        and(eq(facebookLeadDeliveries.id, deliveryId), eq(facebookLeadDeliveries.dealershipId, dealershipId)),
      );
    return row;
  });
  if (!found) return { status: "skipped", reason: "delivery not found" };
  const { delivery, page } = found;
  if (delivery.status === "processed") return { status: "skipped", reason: "already processed" };
  if (!page) {
    // Disconnected since the delivery was stored: it waits for whichever dealership connects the Page. That
    // moves the row out of this tenant, which only the system role may do.
    await withSystem((tx) =>
      tx
        .update(facebookLeadDeliveries)
        .set({
          status: "unmatched",
          dealershipId: null,
          error: "Page not connected",
          attempts: sql`${facebookLeadDeliveries.attempts} + 1`,
        })
        .where(eq(facebookLeadDeliveries.id, deliveryId)),
    );
    return { status: "unmatched", reason: "Page not connected" };
  }
  const markDelivery = (change: { status: FacebookDeliveryStatus; error: string | null }) =>
    withTenant(dealershipId, (tx) =>
      tx
        .update(facebookLeadDeliveries)
        .set({ ...change, attempts: sql`${facebookLeadDeliveries.attempts} + 1` })
        .where(
          and(
            eq(facebookLeadDeliveries.id, deliveryId),
            eq(facebookLeadDeliveries.dealershipId, dealershipId),
          ),
        ),
    );
  if (page.status !== "active") {
    await markDelivery({ status: "waiting", error: "Page needs reconnecting" });
    return { status: "waiting", reason: "Page needs reconnecting" };
  }

  let lead: GraphLead;
  try {
    const token = decryptSecret(page.accessTokenSealed, page.pageId);
    // Graph's answers are the customer's typing: the same text hygiene as any input (Postgres refuses NUL).
    lead = normalizeInput(await getMetaGraph().getLead(token, delivery.leadgenId, options));
  } catch (err) {
    if (err instanceof GraphError && err.isTokenError) {
      await markDelivery({ status: "waiting", error: err.message });
      await alertPageNeedsReconnect(tenant, { pageRowId: page.id, reason: err.message });
      return { status: "waiting", reason: err.message };
    }
    if (err instanceof GraphError && !err.isTransient) {
      await markDelivery({ status: "failed", error: err.message });
      return { status: "failed", reason: err.message };
    }
    await markDelivery({ status: "pending", error: (err as Error).message });
    throw err;
  }

  const mapped = mapFacebookLead(lead, { pageId: page.pageId, name: page.name });
  if (!mapped.input.email && !mapped.input.phone) {
    // Kept with its field data (visible under Settings → Integrations), but ingestLead needs a way to reach them.
    const reason = "The lead has neither an e-mail address nor a phone number";
    await markDelivery({ status: "failed", error: reason });
    return { status: "failed", reason };
  }
  if (mapped.missingFields.length)
    getLogger("facebook").warn(`lead ${lead.id}: no ${mapped.missingFields.join(", ")} in the form answers`);
  const result = await ingestLead({ dealershipId }, mapped.input);
  await withTenant(dealershipId, async (tx) => {
    await tx
      .update(facebookLeadDeliveries)
      .set({
        status: "processed",
        leadId: result.leadId,
        error: null,
        processedAt: new Date(),
        attempts: sql`${facebookLeadDeliveries.attempts} + 1`,
      })
      .where(
        and(eq(facebookLeadDeliveries.id, deliveryId), eq(facebookLeadDeliveries.dealershipId, dealershipId)),
      );
    // At most once a minute: every lead of a Page would otherwise queue on this one row (bench:facebook), and
    // backfill reads it with an hour of overlap anyway.
    await tx
      .update(facebookPages)
      .set({ lastLeadAt: sql`now()` })
      .where(
        and(
          eq(facebookPages.id, page.id),
          eq(facebookPages.dealershipId, dealershipId),
          sql`(${facebookPages.lastLeadAt} is null or ${facebookPages.lastLeadAt} < now() - interval '1 minute')`,
        ),
      );
  });
  return { status: "processed", leadId: result.leadId, ingest: result.status, isTest: mapped.isTest };
}
