import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn } from "./columns.ts";
import { PRIVACY_REQUEST_KINDS, PRIVACY_REQUEST_STATUSES, enumText, oneOf } from "./enums.ts";
import { tenantPolicies } from "./tenancy.ts";
import { users } from "./users.ts";

/**
 * A data-subject request (GDPR art. 15/17/20): export or erase a person. The person is named only by a keyed hash
 * (`subject_hash`) and, while an export waits for its job, by the sealed query (`subject_sealed`, AES-GCM), so the
 * row and the job payload never hold the address. The export itself waits in `export_data` until it is downloaded
 * once or expires, then it is dropped. A `dealership_export` (the admin's whole-dealership export) is a zip file
 * written by its job under NORVALT_EXPORT_DIR; it can be downloaded until it expires, then the file is deleted.
 */
export const privacyRequests = pgTable(
  "privacy_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    kind: enumText("kind", PRIVACY_REQUEST_KINDS).notNull(),
    status: enumText("status", PRIVACY_REQUEST_STATUSES).notNull().default("pending"),
    subjectHash: text("subject_hash").notNull(),
    subjectSealed: text("subject_sealed"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    /** Counts per table (rows exported, deleted, anonymised): no personal data. */
    summary: jsonb("summary").$type<Record<string, number>>().notNull().default({}),
    exportData: jsonb("export_data").$type<Record<string, unknown>>(),
    /** The person export as a readable HTML page (printable to PDF), downloaded once beside the JSON. */
    exportHtml: text("export_html"),
    htmlDownloadedAt: timestamp("html_downloaded_at", { withTimezone: true }),
    /** A dealership-wide export: rows written so far of rows to write (the UI's progress). */
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    /** A dealership-wide export's zip, relative to NORVALT_EXPORT_DIR, and its size once written. */
    filePath: text("file_path"),
    fileBytes: bigint("file_bytes", { mode: "number" }),
    error: text("error"),
    createdAt: createdAtColumn(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    downloadedAt: timestamp("downloaded_at", { withTimezone: true }),
  },
  (t) => [
    index("privacy_requests_dealership_idx").on(t.dealershipId, t.createdAt.desc().nullsFirst()),
    index("privacy_requests_requested_by_idx").on(t.requestedBy),
    oneOf("privacy_requests_kind_check", t.kind, PRIVACY_REQUEST_KINDS),
    oneOf("privacy_requests_status_check", t.status, PRIVACY_REQUEST_STATUSES),
    ...tenantPolicies(),
  ],
);
