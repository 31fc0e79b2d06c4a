import { sql } from "drizzle-orm";
import { customType, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn, derivedDealershipIdColumn } from "./columns.ts";
import { LEAD_TASK_KINDS, enumText, oneOf } from "./enums.ts";
import { leads } from "./leads.ts";
import { tenantPolicies } from "./tenancy.ts";
import { users } from "./users.ts";

const leadRef = () =>
  uuid("lead_id")
    .notNull()
    .references(() => leads.id, { onDelete: "cascade" });

/**
 * A rep's task on a lead ("ring tirsdag kl. 10"): due time, the rep it belongs to, done or open. A `task.due` job
 * (pg-boss, startAfter = due_at) tells the rep when it comes due; snoozing moves due_at and queues a new job.
 */
export const leadTasks = pgTable(
  "lead_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    leadId: leadRef(),
    kind: enumText("kind", LEAD_TASK_KINDS).notNull(),
    note: text("note"),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    assignedTo: uuid("assigned_to").references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    doneAt: timestamp("done_at", { withTimezone: true }),
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("lead_tasks_open_idx")
      .on(t.dealershipId, t.leadId, t.dueAt)
      .where(sql`${t.doneAt} is null`),
    index("lead_tasks_assigned_idx")
      .on(t.assignedTo)
      .where(sql`${t.assignedTo} is not null`),
    index("lead_tasks_created_by_idx")
      .on(t.createdBy)
      .where(sql`${t.createdBy} is not null`),
    oneOf("lead_tasks_kind_check", t.kind, LEAD_TASK_KINDS),
    ...tenantPolicies(),
  ],
);

/** When a user last opened a lead: the inbox shows it unread when something happened after (last_activity_at). */
export const leadReads = pgTable(
  "lead_reads",
  {
    dealershipId: dealershipIdColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    leadId: leadRef(),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.leadId] }),
    index("lead_reads_lead_idx").on(t.leadId),
    ...tenantPolicies(),
  ],
);

// Byte order ("C"), as lead_search_terms: a prefix range is exactly the strings that start with the prefix.
const binaryText = customType<{ data: string }>({ dataType: () => 'text collate "C"' });

/**
 * Inbox search in the customer's messages: one row per distinct word of each inbound message, kept by a trigger
 * on conversations. Same leakproof design as lead_search_terms (text range on a "C" btree, no ILIKE/pg_trgm), in a
 * table of its own so the contact-term trigger's delete-and-reinsert never drops message words.
 */
export const leadMessageTerms = pgTable(
  "lead_message_terms",
  {
    dealershipId: derivedDealershipIdColumn(),
    leadId: leadRef(),
    term: binaryText("term").notNull(),
    leadCreatedAt: timestamp("lead_created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.leadId, t.term] }),
    index("lead_message_terms_prefix_idx").on(t.dealershipId, t.term, t.leadCreatedAt.desc().nullsFirst()),
    ...tenantPolicies(),
  ],
);
