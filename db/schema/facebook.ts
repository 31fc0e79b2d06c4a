import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn, updatedAtColumn } from "./columns.ts";
import { dealerships } from "./dealerships.ts";
import { FACEBOOK_DELIVERY_STATUSES, FACEBOOK_PAGE_STATUSES, enumText, oneOf } from "./enums.ts";
import { leads } from "./leads.ts";
import { tenantPolicies } from "./tenancy.ts";
import { users } from "./users.ts";

/**
 * A Facebook Page connected to a dealership. A Page belongs to one dealership in the whole installation: the
 * webhook finds the dealership by `page_id`. The Page access token is stored sealed (lib/security/encrypt-secret.ts)
 * with the page id as additional data.
 */
export const facebookPages = pgTable(
  "facebook_pages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    pageId: text("page_id").notNull(),
    name: text("name").notNull(),
    status: enumText("status", FACEBOOK_PAGE_STATUSES).notNull().default("active"),
    accessTokenSealed: text("access_token_sealed").notNull(),
    /** How the Page was connected: Meta login (OAuth) or a pasted Page token. */
    connectedVia: text("connected_via").notNull().default("token"),
    connectedBy: uuid("connected_by").references(() => users.id, { onDelete: "set null" }),
    lastLeadAt: timestamp("last_lead_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex("facebook_pages_page_uq").on(t.pageId),
    index("facebook_pages_dealership_idx").on(t.dealershipId),
    oneOf("facebook_pages_status_check", t.status, FACEBOOK_PAGE_STATUSES),
    ...tenantPolicies(),
  ],
);

/**
 * Every `leadgen` change Meta delivered (or backfill found), stored before the webhook answers 200 and
 * deduplicated on `leadgen_id`. `dealership_id` is null while the Page is not connected anywhere (`unmatched`):
 * such rows are visible to the system role only, and are adopted when a dealership connects that Page.
 */
export const facebookLeadDeliveries = pgTable(
  "facebook_lead_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: uuid("dealership_id").references(() => dealerships.id, { onDelete: "cascade" }),
    leadgenId: text("leadgen_id").notNull(),
    pageId: text("page_id").notNull(),
    formId: text("form_id"),
    adId: text("ad_id"),
    /** Meta's created_time of the lead. */
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    status: enumText("status", FACEBOOK_DELIVERY_STATUSES).notNull().default("pending"),
    /** `webhook` or `backfill`. */
    via: text("via").notNull().default("webhook"),
    change: jsonb("change").$type<Record<string, unknown>>().notNull().default({}),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "set null" }),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    createdAt: createdAtColumn(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("facebook_deliveries_leadgen_uq").on(t.leadgenId),
    index("facebook_deliveries_dealership_idx").on(t.dealershipId, t.createdAt.desc()),
    index("facebook_deliveries_page_status_idx").on(t.pageId, t.status),
    index("facebook_deliveries_unmatched_idx")
      .on(t.pageId)
      .where(sql`${t.dealershipId} is null`),
    oneOf("facebook_deliveries_status_check", t.status, FACEBOOK_DELIVERY_STATUSES),
    ...tenantPolicies(),
  ],
);
