import { and, eq, sql } from "drizzle-orm";
import { facebookLeadDeliveries, facebookPages } from "../../../db/schema/facebook.ts";
import type { FacebookDeliveryStatus } from "../../../db/schema/enums.ts";
import { withSystem, withTenant } from "../../db/tenant.ts";
import { ingestLead } from "../../leads/ingest-lead.ts";
import { decryptSecret } from "../../security/encrypt-secret.ts";
import { alertPageNeedsReconnect } from "./alert-page-needs-reconnect.ts";
import { callGraph, GraphError, retryTransientGraphErrors } from "./graph-client.ts";
import { GRAPH_LEAD_FIELDS, mapFacebookLead, type GraphLead } from "./map-facebook-lead.ts";

/** PRD: Graph failures back off 2 s, 4 s, 8 s before the job's own retries take over. */
export const GRAPH_RETRY_DELAYS_MS = [2_000, 4_000, 8_000] as const;

export type FetchOutcome =
  | { status: "processed"; leadId: string; ingest: "created" | "updated" | "merged"; isTest: boolean }
  | { status: "skipped"; reason: string }
  | { status: FacebookDeliveryStatus; reason: string };

type Options = { signal?: AbortSignal; retryDelaysMs?: readonly number[]; timeoutMs?: number };

/**
 * The `facebook.fetch-lead` job: read the lead from Graph with the Page's token, map it, and hand it to
 * ingestLead (source `facebook`, external id = leadgen_id, so a re-run returns the same lead). A refused token
 * (190) parks the delivery as `waiting` and the Page as `needs_reconnect`; reconnecting releases it. Transient
 * failures back off, then throw so pg-boss retries the job; other client errors fail the delivery for good.
 */
export async function fetchFacebookLead(deliveryId: string, options: Options = {}): Promise<FetchOutcome> {
  const found = await withSystem(async (tx) => {
    const [row] = await tx
      .select({ delivery: facebookLeadDeliveries, page: facebookPages })
      .from(facebookLeadDeliveries)
      .leftJoin(facebookPages, eq(facebookPages.pageId, facebookLeadDeliveries.pageId))
      .where(eq(facebookLeadDeliveries.id, deliveryId));
    return row;
  });
  if (!found) return { status: "skipped", reason: "delivery not found" };
  const { delivery, page } = found;
  if (delivery.status === "processed") return { status: "skipped", reason: "already processed" };
  if (!page || page.dealershipId !== delivery.dealershipId) {
    // Disconnected since the delivery was stored: it waits for whichever dealership connects the Page.
    await markDelivery(deliveryId, { status: "unmatched", dealershipId: null, error: "Page not connected" });
    return { status: "unmatched", reason: "Page not connected" };
  }
  const dealershipId = page.dealershipId;
  if (page.status !== "active") {
    await markDelivery(deliveryId, { status: "waiting", error: "Page needs reconnecting" });
    return { status: "waiting", reason: "Page needs reconnecting" };
  }

  let lead: GraphLead;
  try {
    const token = decryptSecret(page.accessTokenSealed, page.pageId);
    lead = await retryTransientGraphErrors(
      () =>
        callGraph<GraphLead>(delivery.leadgenId, {
          token,
          query: { fields: GRAPH_LEAD_FIELDS },
          signal: options.signal,
          timeoutMs: options.timeoutMs,
        }),
      { delaysMs: options.retryDelaysMs ?? GRAPH_RETRY_DELAYS_MS, signal: options.signal },
    );
  } catch (err) {
    if (err instanceof GraphError && err.isTokenError) {
      await markDelivery(deliveryId, { status: "waiting", error: err.message });
      await alertPageNeedsReconnect(page.id, dealershipId, err.message);
      return { status: "waiting", reason: err.message };
    }
    if (err instanceof GraphError && !err.isTransient) {
      await markDelivery(deliveryId, { status: "failed", error: err.message });
      return { status: "failed", reason: err.message };
    }
    await markDelivery(deliveryId, { status: "pending", error: (err as Error).message });
    throw err;
  }

  const mapped = mapFacebookLead(lead, { pageId: page.pageId, name: page.name });
  if (!mapped.input.email && !mapped.input.phone) {
    // Kept with its field data (visible under Settings → Integrations), but ingestLead needs a way to reach them.
    const reason = "The lead has neither an e-mail address nor a phone number";
    await markDelivery(deliveryId, { status: "failed", error: reason });
    return { status: "failed", reason };
  }
  if (mapped.missingFields.length)
    console.warn(`[facebook] lead ${lead.id}: no ${mapped.missingFields.join(", ")} in the form answers`);
  const result = await ingestLead(dealershipId, mapped.input);
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

async function markDelivery(
  deliveryId: string,
  change: { status: FacebookDeliveryStatus; error: string | null; dealershipId?: string | null },
): Promise<void> {
  await withSystem((tx) =>
    tx
      .update(facebookLeadDeliveries)
      .set({ ...change, attempts: sql`${facebookLeadDeliveries.attempts} + 1` })
      .where(eq(facebookLeadDeliveries.id, deliveryId)),
  );
}
