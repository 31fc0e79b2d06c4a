import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn, updatedAtColumn } from "./columns.ts";
import { oneOf } from "./enums.ts";
import { tenantPolicies } from "./tenancy.ts";

export const VEHICLE_FEED_FORMATS = ["auto", "csv", "json", "xml"] as const;
export const VEHICLE_IMPORT_SOURCES = ["csv", "feed", "api"] as const;

/**
 * One row per dealership: the CSV column mapping it used last (offered again on the next upload) and its
 * inventory feed. `feed_alerted_at` is set when the admins are told the feed fails and cleared by the next good
 * run, so a feed that stays broken alerts once.
 */
export const vehicleImportSettings = pgTable(
  "vehicle_import_settings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    // Header (as in the file) → vehicle field name, or "" to skip the column.
    csvMapping: jsonb("csv_mapping").$type<Record<string, string>>(),
    feedUrl: text("feed_url"),
    feedFormat: text("feed_format").notNull().default("auto"),
    feedEnabled: boolean("feed_enabled").notNull().default(false),
    // Cron expression (Europe/Oslo) of the dealership's pg-boss schedule.
    feedCron: text("feed_cron").notNull().default("0 * * * *"),
    feedMarkMissingSold: boolean("feed_mark_missing_sold").notNull().default(false),
    feedFailingSince: timestamp("feed_failing_since", { withTimezone: true }),
    feedAlertedAt: timestamp("feed_alerted_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex("vehicle_import_settings_dealership_key").on(t.dealershipId),
    oneOf("vehicle_import_settings_feed_format_check", t.feedFormat, VEHICLE_FEED_FORMATS),
    ...tenantPolicies(),
  ],
);

/** The log of every import: CSV uploads, feed runs and bulk API calls, with counts and the first row errors. */
export const vehicleImportRuns = pgTable(
  "vehicle_import_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    source: text("source").notNull(),
    actorUserId: uuid("actor_user_id"),
    ok: boolean("ok").notNull(),
    rows: integer("rows").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    markedSold: integer("marked_sold").notNull().default(0),
    // [{ line, field?, message }], the first 200.
    errors: jsonb("errors")
      .$type<{ line: number; field?: string; message: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    message: text("message"),
    durationMs: integer("duration_ms"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("vehicle_import_runs_dealership_idx").on(t.dealershipId, t.createdAt),
    oneOf("vehicle_import_runs_source_check", t.source, VEHICLE_IMPORT_SOURCES),
    ...tenantPolicies(),
  ],
);
