import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { facebookLeadDeliveries, facebookPages } from "../../db/schema/facebook.ts";
import type { FacebookDeliveryStatus } from "../../db/schema/enums.ts";
import { withSystem, type Tenant } from "../db/tenant.ts";
import { enqueueMany } from "../jobs/enqueue.ts";
import { getLogger } from "../log/logger.ts";

// Meta's ids are digit strings (numbers in some samples); the ones we look things up by must be exactly that.
const id = z.union([z.string().regex(/^\d{1,30}$/), z.number().int().nonnegative()]).transform(String);
const looseId = z.union([z.string().min(1).max(100), z.number()]).transform(String);

/** One `leadgen` change (integrations.md §3): ids are strings (numbers in some samples), created_time epoch seconds. */
export const leadgenValue = z.object({
  leadgen_id: id,
  page_id: id,
  form_id: looseId.optional(),
  ad_id: looseId.optional(),
  adgroup_id: looseId.optional(),
  created_time: z.number().int().nonnegative().optional(),
});
export type LeadgenValue = z.infer<typeof leadgenValue>;

/** The webhook body. Changes of other fields (a Page also sends `feed`, `messages` …) are accepted and ignored. */
export const leadgenWebhookBody = z.object({
  object: z.string(),
  entry: z
    .array(
      z.object({
        id: z.union([z.string(), z.number()]).optional(),
        time: z.number().optional(),
        changes: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
      }),
    )
    .max(1_000),
});

export type StoredChanges = {
  stored: number;
  duplicates: number;
  unmatchedPageIds: string[];
  dealershipIds: string[];
};

/**
 * Stores every change (dedupe on leadgen_id) and, in the same transaction, a `facebook.fetch-lead` job for each
 * new one whose Page is connected and active: a delivery we answered 200 is never lost, and never fetched twice.
 * A cross-tenant path by nature (the Page id is what tells the dealership), hence withSystem.
 */
export async function storeLeadgenChanges(
  values: LeadgenValue[],
  via: "webhook" | "backfill" = "webhook",
): Promise<StoredChanges> {
  if (!values.length) return { stored: 0, duplicates: 0, unmatchedPageIds: [], dealershipIds: [] };
  const stored = await withSystem(async (tx) => {
    const pageIds = [...new Set(values.map((v) => v.page_id))];
    const pages = await tx
      .select({
        pageId: facebookPages.pageId,
        dealershipId: facebookPages.dealershipId,
        status: facebookPages.status,
      })
      .from(facebookPages)
      .where(inArray(facebookPages.pageId, pageIds));
    const byPage = new Map(pages.map((p) => [p.pageId, p]));
    const rows = values.map((value) => {
      const page = byPage.get(value.page_id);
      const status: FacebookDeliveryStatus = !page
        ? "unmatched"
        : page.status === "active"
          ? "pending"
          : "waiting";
      return {
        dealershipId: page?.dealershipId ?? null,
        leadgenId: value.leadgen_id,
        pageId: value.page_id,
        formId: value.form_id ?? null,
        adId: value.ad_id ?? null,
        submittedAt: value.created_time ? new Date(value.created_time * 1000) : null,
        status,
        via,
        change: value,
      };
    });
    const inserted = await tx
      .insert(facebookLeadDeliveries)
      .values(rows)
      .onConflictDoNothing({ target: facebookLeadDeliveries.leadgenId })
      .returning({
        id: facebookLeadDeliveries.id,
        status: facebookLeadDeliveries.status,
        pageId: facebookLeadDeliveries.pageId,
        dealershipId: facebookLeadDeliveries.dealershipId,
      });
    await enqueueMany(
      "facebook.fetch-lead",
      inserted.flatMap((row) =>
        row.status === "pending" && row.dealershipId
          ? [{ deliveryId: row.id, dealershipId: row.dealershipId }]
          : [],
      ),
      { tx },
    );
    const unmatchedPageIds = [
      ...new Set(inserted.filter((r) => r.status === "unmatched").map((r) => r.pageId)),
    ];
    return {
      stored: inserted.length,
      duplicates: values.length - inserted.length,
      unmatchedPageIds,
      dealershipIds: [...new Set(inserted.flatMap((r) => (r.dealershipId ? [r.dealershipId] : [])))],
    };
  });
  // An operator alert, once committed: leads of a Page no dealership has connected wait as "unmatched".
  for (const pageId of stored.unmatchedPageIds)
    getLogger("alert").error(`facebook lead for page ${pageId}, which no dealership has connected`);
  return stored;
}

/** Leadgen changes in a webhook body, in order; the same leadgen_id twice in one body is stored once. */
export function extractLeadgenValues(body: z.output<typeof leadgenWebhookBody>): {
  values: LeadgenValue[];
  invalid: number;
} {
  const seen = new Set<string>();
  const values: LeadgenValue[] = [];
  let invalid = 0;
  for (const entry of body.entry) {
    for (const change of entry.changes) {
      if (change.field !== "leadgen") continue;
      const parsed = leadgenValue.safeParse(change.value);
      if (!parsed.success) {
        invalid++;
        continue;
      }
      if (seen.has(parsed.data.leadgen_id)) continue;
      seen.add(parsed.data.leadgen_id);
      values.push(parsed.data);
    }
  }
  return { values, invalid };
}

/**
 * Deliveries that waited for a Page (unmatched, or its token refused) get their fetch job now. Under the system
 * role: an unmatched delivery has no dealership yet, and this moves it into the tenant's.
 */
export async function releaseWaitingDeliveries(
  tenant: Tenant,
  { pageId }: { pageId: string },
): Promise<number> {
  const { dealershipId } = tenant;
  return withSystem(async (tx) => {
    const released = await tx
      .update(facebookLeadDeliveries)
      .set({ status: "pending", dealershipId, error: null })
      .where(
        sql`${facebookLeadDeliveries.pageId} = ${pageId} and ${facebookLeadDeliveries.status} in ('unmatched', 'waiting')
            and (${facebookLeadDeliveries.dealershipId} is null or ${facebookLeadDeliveries.dealershipId} = ${dealershipId})`,
      )
      .returning({ id: facebookLeadDeliveries.id });
    await enqueueMany(
      "facebook.fetch-lead",
      released.map((row) => ({ deliveryId: row.id, dealershipId })),
      { tx },
    );
    return released.length;
  });
}
