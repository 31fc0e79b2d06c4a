import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { dealerships } from "./dealerships.ts";
import { USER_ROLES, enumText, oneOf } from "./enums.ts";
import { tenantPolicies } from "./tenancy.ts";

export type NotificationPreferences = {
  sms: boolean;
  email: boolean;
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
