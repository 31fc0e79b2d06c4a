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
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn, updatedAtColumn } from "./columns.ts";
import { LAWFUL_BASES, LEAD_SOURCES, LEAD_STATUSES, enumText, oneOf } from "./enums.ts";
import { tenantPolicies } from "./tenancy.ts";
import { users } from "./users.ts";
import { vehicles } from "./vehicles.ts";

export const leads = pgTable(
  "leads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    source: enumText("source", LEAD_SOURCES).notNull(),
    sourceUrl: text("source_url"),
    // Raw per-source details (form fields, Meta field_data, e-mail headers) and every merged submission.
    sourceMetadata: jsonb("source_metadata").$type<Record<string, unknown>>().notNull().default({}),
    // The source's own id (Meta leadgen_id, e-mail Message-ID): replays of the same delivery dedupe on it.
    externalId: text("external_id"),
    status: enumText("status", LEAD_STATUSES).notNull().default("new"),
    customerName: text("customer_name"),
    customerEmail: text("customer_email"),
    customerPhone: text("customer_phone"),
    // Lower-cased e-mail and E.164 phone, the keys for duplicate detection and search.
    emailNormalized: text("email_normalized"),
    phoneNormalized: text("phone_normalized"),
    vehicleInterest: text("vehicle_interest"),
    vehicleId: uuid("vehicle_id").references(() => vehicles.id, { onDelete: "set null" }),
    initialMessage: text("initial_message"),
    leadScore: integer("lead_score").notNull().default(50),
    assignedTo: uuid("assigned_to").references(() => users.id, { onDelete: "set null" }),
    aiPaused: boolean("ai_paused").notNull().default(false),
    isTest: boolean("is_test").notNull().default(false),
    // Honeypot or spam filter hit: kept (nothing accepted is lost) but out of the inbox and never answered.
    isSpam: boolean("is_spam").notNull().default(false),
    duplicateOfLeadId: uuid("duplicate_of_lead_id").references((): AnyPgColumn => leads.id, {
      onDelete: "set null",
    }),
    submissionCount: integer("submission_count").notNull().default(1),
    lastSubmissionAt: timestamp("last_submission_at", { withTimezone: true }).notNull().defaultNow(),
    consentMarketing: boolean("consent_marketing").notNull().default(false),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    consentSource: text("consent_source"),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    // GDPR: why we may write to this person, and the consent text (and its version) they were shown, if any.
    lawfulBasis: enumText("lawful_basis", LAWFUL_BASES).notNull().default("inquiry"),
    consentText: text("consent_text"),
    consentVersion: text("consent_version"),
    // Set when the person was erased or the lead passed the retention period: the row stays for the figures only.
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    // A person should look at this lead: an AI draft broke a guardrail, the reply bounced, …
    needsReview: boolean("needs_review").notNull().default(false),
    reviewReason: text("review_reason"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    lastContactAt: timestamp("last_contact_at", { withTimezone: true }),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    firstResponseSeconds: integer("first_response_seconds"),
    convertedAt: timestamp("converted_at", { withTimezone: true }),
    // The inbox's "next action" inputs, kept by a trigger on conversations (migration 0012) and by call logging:
    // the customer's latest message, our latest message that went out (AI or person) or call, the first time a
    // person (not the AI) answered, and the inbox's sort key (latest customer message or task coming due).
    // Filled from created_at on insert by a trigger when not given (a seeded lead keeps its own past).
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    lastOutboundAt: timestamp("last_outbound_at", { withTimezone: true }),
    humanRespondedAt: timestamp("human_responded_at", { withTimezone: true }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }),
    // "Ingen oppfølging" on the lead page: no automatic follow-ups for this lead (issue 19).
    followUpsOff: boolean("follow_ups_off").notNull().default(false),
  },
  (t) => [
    // Inbox: newest first, optionally by status / source / assignee. id breaks ties for stable keyset paging.
    // DESC NULLS FIRST is what ORDER BY … DESC means; an index sorted NULLS LAST cannot serve it.
    // Partial on is_spam = false, the inbox's own filter, so counts stay index-only scans.
    index("leads_inbox_idx")
      .on(t.dealershipId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.isSpam} = false`),
    index("leads_activity_idx")
      .on(t.dealershipId, t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.isSpam} = false`),
    // The inbox sorts by last activity (the customer's latest message, a task coming due), by status and rep too.
    index("leads_activity_status_idx")
      .on(t.dealershipId, t.status, t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.isSpam} = false`),
    index("leads_activity_assignee_idx")
      .on(t.dealershipId, t.assignedTo, t.lastActivityAt.desc().nullsFirst())
      .where(sql`${t.isSpam} = false`),
    index("leads_inbox_status_idx")
      .on(t.dealershipId, t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.isSpam} = false`),
    index("leads_inbox_source_idx")
      .on(t.dealershipId, t.source, t.createdAt.desc().nullsFirst())
      .where(sql`${t.isSpam} = false`),
    index("leads_inbox_assignee_idx").on(t.dealershipId, t.assignedTo, t.createdAt.desc().nullsFirst()),
    index("leads_email_idx").on(t.dealershipId, t.emailNormalized, t.createdAt.desc().nullsFirst()),
    index("leads_phone_idx").on(t.dealershipId, t.phoneNormalized, t.createdAt.desc().nullsFirst()),
    uniqueIndex("leads_external_id_uq")
      .on(t.dealershipId, t.source, t.externalId)
      .where(sql`${t.externalId} is not null`),
    // Foreign keys with ON DELETE SET NULL: without these, deleting a user or vehicle scans every lead.
    index("leads_assigned_to_idx")
      .on(t.assignedTo)
      .where(sql`${t.assignedTo} is not null`),
    index("leads_vehicle_idx")
      .on(t.vehicleId)
      .where(sql`${t.vehicleId} is not null`),
    index("leads_duplicate_of_idx")
      .on(t.duplicateOfLeadId)
      .where(sql`${t.duplicateOfLeadId} is not null`),
    oneOf("leads_status_check", t.status, LEAD_STATUSES),
    oneOf("leads_source_check", t.source, LEAD_SOURCES),
    oneOf("leads_lawful_basis_check", t.lawfulBasis, LAWFUL_BASES),
    ...tenantPolicies(),
  ],
);
