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
import { conversations } from "./conversations.ts";
import { enumText, oneOf } from "./enums.ts";
import { leads } from "./leads.ts";
import { tenantPolicies } from "./tenancy.ts";

export const FOLLOW_UP_CHANNELS = ["email", "sms"] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];
export const FOLLOW_UP_AFTER_LAST = ["lost", "none"] as const;
// scheduled → queued (the sweep handed it to followup.send) → drafting → sending → sent; draft mode: drafting →
// awaiting_approval → sent (approved) or expired. cancelled: a stop condition (stop_reason); skipped: a person.
// `close` rows (step 0 after the last step) set the lead lost with "no response" instead of sending.
export const FOLLOW_UP_STATUSES = [
  "scheduled",
  "queued",
  "drafting",
  "sending",
  "awaiting_approval",
  "sent",
  "cancelled",
  "skipped",
  "expired",
  "done",
] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
/** Still able to reach the customer: what a stop cancels (migration 0016's triggers list the same). */
export const OPEN_FOLLOW_UP_STATUSES = [
  "scheduled",
  "queued",
  "drafting",
  "sending",
  "awaiting_approval",
] as const;
export const FOLLOW_UP_KINDS = ["message", "close"] as const;
// markedsføringsloven § 15: a follow-up about the customer's own inquiry is a service message; anything beyond it
// needs recorded marketing consent. Recorded per message.
export const CONSENT_BASES = ["service_inquiry", "marketing_consent"] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

export type FollowUpStep = { delayDays: number; channel: FollowUpChannel };

/** One dealership's follow-up rule (Settings → Oppfølging). No row: the defaults in lib/follow-ups/default-rule.ts. */
export const followUpRules = pgTable(
  "follow_up_rules",
  {
    dealershipId: dealershipIdColumn().primaryKey(),
    enabled: boolean("enabled").notNull().default(true),
    steps: jsonb("steps").$type<FollowUpStep[]>().notNull(),
    afterLast: enumText("after_last", FOLLOW_UP_AFTER_LAST).notNull().default("lost"),
    /** Days after the last step before the lead is closed as lost (afterLast = lost). */
    closeAfterDays: integer("close_after_days").notNull().default(7),
    /** How many follow-ups one lead may get, ever. */
    maxPerLead: integer("max_per_lead").notNull().default(3),
    /** Draft mode: a follow-up not approved within this many hours expires. */
    approvalHours: integer("approval_hours").notNull().default(24),
    updatedAt: updatedAtColumn(),
  },
  (t) => [oneOf("follow_up_rules_after_last_check", t.afterLast, FOLLOW_UP_AFTER_LAST), ...tenantPolicies()],
);

/** One planned follow-up of a lead (or its closing step), from planning to its final state. */
export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    kind: enumText("kind", FOLLOW_UP_KINDS).notNull().default("message"),
    step: integer("step").notNull(),
    channel: enumText("channel", FOLLOW_UP_CHANNELS).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: enumText("status", FOLLOW_UP_STATUSES).notNull().default("scheduled"),
    stopReason: text("stop_reason"),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    consentBasis: enumText("consent_basis", CONSENT_BASES),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    // The sweep: due rows across every dealership, oldest first.
    index("follow_ups_due_idx")
      .on(t.dueAt)
      .where(sql`${t.status} = 'scheduled'`),
    // The stop triggers and the lead page: a lead's open follow-ups.
    index("follow_ups_lead_idx").on(t.dealershipId, t.leadId, t.step),
    // The dashboard list: this week's due follow-ups of one dealership.
    index("follow_ups_dealership_due_idx")
      .on(t.dealershipId, t.dueAt)
      .where(sql`${t.status} in ('scheduled', 'queued', 'awaiting_approval')`),
    uniqueIndex("follow_ups_lead_step_uq").on(t.leadId, t.kind, t.step),
    index("follow_ups_conversation_idx")
      .on(t.conversationId)
      .where(sql`${t.conversationId} is not null`),
    oneOf("follow_ups_kind_check", t.kind, FOLLOW_UP_KINDS),
    oneOf("follow_ups_channel_check", t.channel, FOLLOW_UP_CHANNELS),
    oneOf("follow_ups_status_check", t.status, FOLLOW_UP_STATUSES),
    oneOf("follow_ups_consent_basis_check", t.consentBasis, CONSENT_BASES),
    ...tenantPolicies(),
  ],
);
