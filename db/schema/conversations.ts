import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn } from "./columns.ts";
import {
  ACTOR_TYPES,
  DELIVERY_STATUSES,
  LEAD_STATUSES,
  MESSAGE_CHANNELS,
  MESSAGE_DIRECTIONS,
  SENDER_TYPES,
  enumText,
  oneOf,
} from "./enums.ts";
import { leads } from "./leads.ts";
import { tenantPolicies } from "./tenancy.ts";
import { users } from "./users.ts";

const leadRef = () =>
  uuid("lead_id")
    .notNull()
    .references(() => leads.id, { onDelete: "cascade" });

/** Every message to or from the customer, in order. */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    leadId: leadRef(),
    channel: enumText("channel", MESSAGE_CHANNELS).notNull(),
    direction: enumText("direction", MESSAGE_DIRECTIONS).notNull(),
    sender: text("sender"),
    senderType: enumText("sender_type", SENDER_TYPES).notNull(),
    senderUserId: uuid("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    subject: text("subject"),
    messageContent: text("message_content").notNull(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    deliveryStatus: enumText("delivery_status", DELIVERY_STATUSES),
    providerMessageId: text("provider_message_id"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    deliveryError: text("delivery_error"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("conversations_lead_idx").on(t.leadId, t.createdAt),
    index("conversations_dealership_created_idx").on(t.dealershipId, t.createdAt.desc().nullsFirst()),
    index("conversations_provider_message_idx").on(t.providerMessageId),
    index("conversations_sender_user_idx")
      .on(t.senderUserId)
      .where(sql`${t.senderUserId} is not null`),
    oneOf("conversations_channel_check", t.channel, MESSAGE_CHANNELS),
    oneOf("conversations_direction_check", t.direction, MESSAGE_DIRECTIONS),
    oneOf("conversations_sender_type_check", t.senderType, SENDER_TYPES),
    oneOf("conversations_delivery_status_check", t.deliveryStatus, DELIVERY_STATUSES),
    ...tenantPolicies(),
  ],
);

/** The lead's timeline: who did what, when (created, merged, status, assignment, AI reply, take-over…). */
export const leadEvents = pgTable(
  "lead_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    leadId: leadRef(),
    type: text("type").notNull(),
    actorType: enumText("actor_type", ACTOR_TYPES).notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("lead_events_lead_idx").on(t.leadId, t.createdAt),
    index("lead_events_actor_idx")
      .on(t.actorUserId)
      .where(sql`${t.actorUserId} is not null`),
    oneOf("lead_events_actor_type_check", t.actorType, ACTOR_TYPES),
    ...tenantPolicies(),
  ],
);

export const leadStatusHistory = pgTable(
  "lead_status_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    leadId: leadRef(),
    oldStatus: enumText("old_status", LEAD_STATUSES),
    newStatus: enumText("new_status", LEAD_STATUSES).notNull(),
    changedBy: uuid("changed_by").references(() => users.id, { onDelete: "set null" }),
    // Why the lead was lost (required for "lost"), or a rep's remark on another change.
    reason: text("reason"),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("lead_status_history_lead_idx").on(t.leadId, t.changedAt),
    index("lead_status_history_dealership_idx").on(t.dealershipId, t.changedAt),
    index("lead_status_history_changed_by_idx")
      .on(t.changedBy)
      .where(sql`${t.changedBy} is not null`),
    oneOf("lead_status_history_old_status_check", t.oldStatus, LEAD_STATUSES),
    oneOf("lead_status_history_new_status_check", t.newStatus, LEAD_STATUSES),
    ...tenantPolicies(),
  ],
);

/** Internal notes: never shown to the customer. */
export const notes = pgTable(
  "notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    leadId: leadRef(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notes_lead_idx").on(t.leadId, t.createdAt),
    index("notes_author_idx")
      .on(t.authorId)
      .where(sql`${t.authorId} is not null`),
    ...tenantPolicies(),
  ],
);
