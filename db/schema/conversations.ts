import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn } from "./columns.ts";
import {
  actorType,
  deliveryStatus,
  leadStatus,
  messageChannel,
  messageDirection,
  senderType,
} from "./enums.ts";
import { leads } from "./leads.ts";
import { tenantIsolationPolicy } from "./tenancy.ts";
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
    channel: messageChannel("channel").notNull(),
    direction: messageDirection("direction").notNull(),
    sender: text("sender"),
    senderType: senderType("sender_type").notNull(),
    senderUserId: uuid("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    subject: text("subject"),
    messageContent: text("message_content").notNull(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    deliveryStatus: deliveryStatus("delivery_status"),
    providerMessageId: text("provider_message_id"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    deliveryError: text("delivery_error"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("conversations_lead_idx").on(t.leadId, t.createdAt),
    index("conversations_dealership_created_idx").on(t.dealershipId, t.createdAt.desc()),
    index("conversations_provider_message_idx").on(t.providerMessageId),
    tenantIsolationPolicy(),
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
    actorType: actorType("actor_type").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAtColumn(),
  },
  (t) => [index("lead_events_lead_idx").on(t.leadId, t.createdAt), tenantIsolationPolicy()],
);

export const leadStatusHistory = pgTable(
  "lead_status_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    leadId: leadRef(),
    oldStatus: leadStatus("old_status"),
    newStatus: leadStatus("new_status").notNull(),
    changedBy: uuid("changed_by").references(() => users.id, { onDelete: "set null" }),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("lead_status_history_lead_idx").on(t.leadId, t.changedAt),
    index("lead_status_history_dealership_idx").on(t.dealershipId, t.changedAt),
    tenantIsolationPolicy(),
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
  (t) => [index("notes_lead_idx").on(t.leadId, t.createdAt), tenantIsolationPolicy()],
);
