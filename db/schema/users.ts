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
import { dealerships } from "./dealerships.ts";
import { USER_ROLES, enumText, oneOf } from "./enums.ts";
import { tenantPolicies } from "./tenancy.ts";

/** What a user can be told about, each by SMS and/or e-mail (My profile → Varsler). */
export const NOTIFICATION_EVENTS = ["new_lead", "customer_replied", "lead_waiting", "daily_summary"] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export type NotificationPreferences = {
  /** Master switches per channel: off stops that channel for every event. */
  sms: boolean;
  email: boolean;
  /**
   * Per event and channel, under the master switches; an event missing here gets its default
   * (lib/users/resolve-notification-channels.ts: what the app sent before, the daily summary by e-mail).
   */
  events?: Partial<Record<NotificationEvent, { sms: boolean; email: boolean }>>;
  /** No SMS between these local times ("22:00"–"07:00", the dealership's timezone) unless the lead is urgent. */
  quietHours?: { start: string; end: string } | null;
};

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: uuid("dealership_id")
      .notNull()
      .references(() => dealerships.id, { onDelete: "cascade" }),
    // Stored lower-cased: e-mail is the login name of built-in auth.
    email: text("email").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    // Set when the user typed the SMS code sent to `phone`; cleared when the number changes.
    phoneVerifiedAt: timestamp("phone_verified_at", { withTimezone: true }),
    role: enumText("role", USER_ROLES).notNull().default("sales_rep"),
    isActive: boolean("is_active").notNull().default(true),
    // Built-in auth only; null for Clerk users.
    passwordHash: text("password_hash"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    clerkUserId: text("clerk_user_id"),
    clerkMembershipId: text("clerk_membership_id"),
    notificationPreferences: jsonb("notification_preferences")
      .$type<NotificationPreferences>()
      .notNull()
      .default({ sms: true, email: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** When the round robin last gave this user a lead (null: never, first in line). */
    lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_dealership_email_uq").on(t.dealershipId, t.email),
    // One built-in login per e-mail address across the installation, so login needs no dealership picker.
    uniqueIndex("users_login_email_uq")
      .on(t.email)
      .where(sql`${t.passwordHash} is not null`),
    uniqueIndex("users_dealership_clerk_uq")
      .on(t.dealershipId, t.clerkUserId)
      .where(sql`${t.clerkUserId} is not null`),
    index("users_clerk_user_idx").on(t.clerkUserId),
    oneOf("users_role_check", t.role, USER_ROLES),
    ...tenantPolicies(),
  ],
);

/**
 * A code sent by SMS to prove a user owns a mobile number (My profile). Only its hash is stored; it expires after
 * minutes and dies after a few wrong tries. One open code per user: a new one replaces the old.
 */
export const phoneVerifications = pgTable(
  "phone_verifications",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    dealershipId: uuid("dealership_id")
      .notNull()
      .references(() => dealerships.id, { onDelete: "cascade" }),
    phone: text("phone").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  () => [...tenantPolicies()],
);
