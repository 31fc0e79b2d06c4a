import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn } from "./columns.ts";
import { dealerships } from "./dealerships.ts";
import {
  ACTOR_TYPES,
  DELIVERY_STATUSES,
  OUTBOX_CHANNELS,
  SUPPRESSION_REASONS,
  enumText,
  oneOf,
} from "./enums.ts";
import { leads } from "./leads.ts";
import { tenantPolicies } from "./tenancy.ts";
import { users } from "./users.ts";

/** Every e-mail and SMS we send. The dev adapters stop here; real adapters record provider ids and status. */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    channel: enumText("channel", OUTBOX_CHANNELS).notNull(),
    provider: text("provider").notNull(),
    toAddress: text("to_address").notNull(),
    fromAddress: text("from_address"),
    subject: text("subject"),
    bodyText: text("body_text").notNull(),
    bodyHtml: text("body_html"),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "set null" }),
    // Makes a retried job's send a no-op instead of a second message.
    idempotencyKey: text("idempotency_key"),
    status: enumText("status", DELIVERY_STATUSES).notNull().default("pending"),
    providerMessageId: text("provider_message_id"),
    error: text("error"),
    replyTo: text("reply_to"),
    // Extra e-mail headers as sent (List-Unsubscribe …); SMS: segments and the like in metadata.
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAtColumn(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_dealership_created_idx").on(t.dealershipId, t.createdAt.desc().nullsFirst()),
    uniqueIndex("outbox_idempotency_uq")
      .on(t.dealershipId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index("outbox_provider_message_idx").on(t.providerMessageId),
    index("outbox_lead_idx")
      .on(t.leadId)
      .where(sql`${t.leadId} is not null`),
    oneOf("outbox_channel_check", t.channel, OUTBOX_CHANNELS),
    oneOf("outbox_status_check", t.status, DELIVERY_STATUSES),
    ...tenantPolicies(),
  ],
);

/** Every webhook call, accepted or not, for debugging integrations. dealership_id is null when the key was unknown. */
export const webhookRequests = pgTable(
  "webhook_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: uuid("dealership_id").references(() => dealerships.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    statusCode: integer("status_code").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestBody: text("request_body"),
    error: text("error"),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "set null" }),
    durationMs: integer("duration_ms"),
    /** The X-Request-Id answered (the caller's or ours): finds the call's log lines. */
    requestId: text("request_id"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("webhook_requests_dealership_idx").on(t.dealershipId, t.createdAt.desc().nullsFirst()),
    index("webhook_requests_created_idx").on(t.createdAt),
    index("webhook_requests_lead_idx")
      .on(t.leadId)
      .where(sql`${t.leadId} is not null`),
    ...tenantPolicies(),
  ],
);

/** Security-relevant actions by people and machines (logins, role changes, key creation, exports, deletions). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    actorType: enumText("actor_type", ACTOR_TYPES).notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("audit_log_dealership_idx").on(t.dealershipId, t.createdAt.desc().nullsFirst()),
    index("audit_log_actor_idx")
      .on(t.actorUserId)
      .where(sql`${t.actorUserId} is not null`),
    oneOf("audit_log_actor_type_check", t.actorType, ACTOR_TYPES),
    ...tenantPolicies(),
  ],
);

/**
 * Addresses a dealership must not write to again (GDPR, bounces, complaints): checked before every customer
 * e-mail or SMS. `address` is the normalised e-mail (lower case) or E.164 phone.
 */
export const suppressions = pgTable(
  "suppressions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    channel: enumText("channel", OUTBOX_CHANNELS).notNull(),
    address: text("address").notNull(),
    reason: enumText("reason", SUPPRESSION_REASONS).notNull(),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("suppressions_address_uq").on(t.dealershipId, t.channel, t.address),
    oneOf("suppressions_channel_check", t.channel, OUTBOX_CHANNELS),
    oneOf("suppressions_reason_check", t.reason, SUPPRESSION_REASONS),
    ...tenantPolicies(),
  ],
);

/** One row per running worker process, touched every few seconds: /api/health reports the newest beat. Not tenant data. */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  workerId: text("worker_id").primaryKey(),
  hostname: text("hostname").notNull(),
  pid: integer("pid").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  beatAt: timestamp("beat_at", { withTimezone: true }).notNull().defaultNow(),
});
