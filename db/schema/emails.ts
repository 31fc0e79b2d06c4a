import { sql } from "drizzle-orm";
import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn, updatedAtColumn } from "./columns.ts";
import { EMAIL_INTAKES, EMAIL_STATUSES, STORED_EMAIL_CLASSIFICATIONS, enumText, oneOf } from "./enums.ts";
import { leads } from "./leads.ts";
import { tenantPolicies } from "./tenancy.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export type StoredAttachment = { filename: string | null; contentType: string; size: number };
export type EmailAuthResults = { spf: string | null; dkim: string | null; spamScore: number | null };

/**
 * Every e-mail received for a dealership (PRD US-2.2), stored before the webhook answers. `raw` keeps the payload
 * exactly as received (the multipart body or the MIME message), so an e-mail that failed can be processed again
 * once the parser is fixed. The rest is filled in by `email.process`.
 */
export const emails = pgTable(
  "emails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    // Cascade: deleting a lead (GDPR) deletes the e-mails it came from and the replies threaded into it.
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "cascade" }),
    /** The Message-ID header, or `<sha256 of the payload>@norvalt.invalid` for mail without one. */
    messageId: text("message_id").notNull(),
    fromEmail: text("from_email").notNull().default(""),
    fromName: text("from_name"),
    recipients: text("recipients").array().notNull().default([]),
    subject: text("subject"),
    bodyText: text("body_text"),
    bodyHtml: text("body_html"),
    headers: jsonb("headers").$type<Record<string, string[]>>().notNull().default({}),
    attachments: jsonb("attachments").$type<StoredAttachment[]>().notNull().default([]),
    authResults: jsonb("auth_results").$type<EmailAuthResults>(),
    intake: enumText("intake", EMAIL_INTAKES).notNull(),
    rawContentType: text("raw_content_type").notNull(),
    raw: bytea("raw").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    processingStatus: enumText("processing_status", EMAIL_STATUSES).notNull().default("pending"),
    classification: enumText("classification", STORED_EMAIL_CLASSIFICATIONS),
    classificationConfidence: real("classification_confidence"),
    /** What decided: prefilter, adf, portal, finn, heuristic, ai, reply or manual. */
    classifiedBy: text("classified_by"),
    /** Why it was set aside (pre-filter rule, "not a lead") or what the classifier said. */
    reason: text("reason"),
    extractedData: jsonb("extracted_data").$type<Record<string, unknown>>(),
    errorMessage: text("error_message"),
    attempts: integer("attempts").notNull().default(0),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    // Dedupe: SendGrid retries, and the same mail forwarded twice, carry the same Message-ID.
    uniqueIndex("emails_message_id_uq").on(t.dealershipId, t.messageId),
    index("emails_received_idx").on(t.dealershipId, t.receivedAt.desc().nullsFirst()),
    index("emails_status_idx").on(t.dealershipId, t.processingStatus, t.receivedAt.desc().nullsFirst()),
    index("emails_classification_idx").on(t.dealershipId, t.classification, t.receivedAt.desc().nullsFirst()),
    index("emails_lead_idx")
      .on(t.leadId)
      .where(sql`${t.leadId} is not null`),
    oneOf("emails_status_check", t.processingStatus, EMAIL_STATUSES),
    oneOf("emails_classification_check", t.classification, STORED_EMAIL_CLASSIFICATIONS),
    oneOf("emails_intake_check", t.intake, EMAIL_INTAKES),
    ...tenantPolicies(),
  ],
);
