import { pgEnum } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["admin", "manager", "sales_rep"]);
export const aiMode = pgEnum("ai_mode", ["autopilot", "draft", "off"]);
export const leadStatus = pgEnum("lead_status", ["new", "contacted", "qualified", "won", "lost"]);
export const leadSource = pgEnum("lead_source", ["website", "email", "facebook", "manual", "api"]);
export const messageChannel = pgEnum("message_channel", ["email", "sms", "facebook", "manual"]);
export const messageDirection = pgEnum("message_direction", ["inbound", "outbound"]);
export const senderType = pgEnum("sender_type", ["customer", "ai", "human", "system"]);
export const deliveryStatus = pgEnum("delivery_status", [
  "pending",
  "queued",
  "sent",
  "delivered",
  "failed",
  "bounced",
]);
export const vehicleStatus = pgEnum("vehicle_status", ["available", "reserved", "sold"]);
export const outboxChannel = pgEnum("outbox_channel", ["email", "sms"]);
export const actorType = pgEnum("actor_type", ["user", "ai", "customer", "system", "api"]);

export const USER_ROLES = userRole.enumValues;
export const LEAD_STATUSES = leadStatus.enumValues;
export const LEAD_SOURCES = leadSource.enumValues;
export type UserRole = (typeof USER_ROLES)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type LeadSource = (typeof LEAD_SOURCES)[number];
