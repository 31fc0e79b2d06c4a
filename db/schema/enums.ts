import { sql, type SQL } from "drizzle-orm";
import { check, text, type AnyPgColumn } from "drizzle-orm/pg-core";

// Closed value sets are text columns with a CHECK constraint, not Postgres enum types: under row-level security
// only leakproof operators may become index conditions, and text equality is leakproof while enum equality is
// not, so `status = 'new'` on an enum column could not use the inbox index.
export const USER_ROLES = ["admin", "manager", "sales_rep"] as const;
export const AI_MODES = ["autopilot", "draft", "off"] as const;
// How the AI addresses the customer: "du" (informal, the Norwegian norm) or "De" (formal).
export const AI_ADDRESS_FORMS = ["du", "de"] as const;
export const LEAD_STATUSES = ["new", "contacted", "qualified", "won", "lost"] as const;
export const LEAD_SOURCES = ["website", "email", "facebook", "manual", "api", "sms"] as const;
export const MESSAGE_CHANNELS = ["email", "sms", "facebook", "manual"] as const;
export const MESSAGE_DIRECTIONS = ["inbound", "outbound"] as const;
export const SENDER_TYPES = ["customer", "ai", "human", "system"] as const;
// draft: an AI reply waiting for a person's approval (ai_mode = draft). held: an SMS waiting out the rep's quiet hours.
// cancelled: an AI message stopped before it went out (the customer wrote back first, a rep took the lead over or
// discarded the draft).
export const DELIVERY_STATUSES = [
  "draft",
  "held",
  "pending",
  "queued",
  "sent",
  "delivered",
  "failed",
  "bounced",
  "complained",
  "cancelled",
] as const;
// erasure: the person had their data erased (GDPR art. 17); only the address's keyed hash is kept.
export const SUPPRESSION_REASONS = ["unsubscribe", "hard_bounce", "complaint", "manual", "erasure"] as const;
// Why we may answer a lead: it asked us (reply to an inquiry) or it ticked a marketing consent.
export const LAWFUL_BASES = ["inquiry", "marketing_consent"] as const;
export const PRIVACY_REQUEST_KINDS = ["export", "erase", "dealership_export"] as const;
export const PRIVACY_REQUEST_STATUSES = ["pending", "done", "failed", "expired"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const VEHICLE_STATUSES = ["available", "reserved", "sold"] as const;
// Vehicle attributes are stored as codes; the UI labels them through next-intl and the Norwegian reply through
// lib/vehicles/vehicle-labels.ts, so a CSV's "Elektrisk", "El" or "Electric" all become `electric`.
export const VEHICLE_FUELS = [
  "electric",
  "plug_in_hybrid",
  "hybrid",
  "petrol",
  "diesel",
  "hydrogen",
  "other",
] as const;
export const VEHICLE_TRANSMISSIONS = ["automatic", "manual"] as const;
// 4x4 and AWD are one value: Norwegian ads use both words for the same thing.
export const VEHICLE_DRIVETRAINS = ["fwd", "rwd", "awd"] as const;
export const VEHICLE_BODY_TYPES = [
  "suv",
  "station_wagon",
  "sedan",
  "hatchback",
  "mpv",
  "coupe",
  "convertible",
  "pickup",
  "van",
] as const;
export type VehicleFuel = (typeof VEHICLE_FUELS)[number];
export type VehicleTransmission = (typeof VEHICLE_TRANSMISSIONS)[number];
export type VehicleDrivetrain = (typeof VEHICLE_DRIVETRAINS)[number];
export type VehicleBodyType = (typeof VEHICLE_BODY_TYPES)[number];
// A rep's task on a lead: a call to make, or a follow-up of another kind.
export const LEAD_TASK_KINDS = ["call", "follow_up"] as const;
export type LeadTaskKind = (typeof LEAD_TASK_KINDS)[number];
// What came of a logged call.
export const CALL_OUTCOMES = ["reached", "no_answer", "wrong_number"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const OUTBOX_CHANNELS = ["email", "sms"] as const;
// What became of a customer's inbound SMS: threaded into a lead, a new lead, a STOP/START/HELP keyword, or
// nobody to route it to (an unknown number on the shared sender).
export const INBOUND_SMS_OUTCOMES = [
  "threaded",
  "new_lead",
  "opted_out",
  "opted_in",
  "help",
  "unrouted",
] as const;
export type InboundSmsOutcome = (typeof INBOUND_SMS_OUTCOMES)[number];
export const ACTOR_TYPES = ["user", "ai", "customer", "system", "api"] as const;
// needs_reconnect: Meta refused the token (error 190); leads wait until an admin reconnects the Page.
export const FACEBOOK_PAGE_STATUSES = ["active", "needs_reconnect"] as const;
// unmatched: the Page is connected to no dealership. waiting: its Page needs reconnecting.
export const FACEBOOK_DELIVERY_STATUSES = ["pending", "processed", "unmatched", "waiting", "failed"] as const;
export type FacebookDeliveryStatus = (typeof FACEBOOK_DELIVERY_STATUSES)[number];
// ignored: set aside without a lead (spam, automatic mail, newsletters, "not a lead"). failed: could not be
// processed; kept with its error for reprocessing.
export const EMAIL_STATUSES = ["pending", "processing", "processed", "failed", "ignored"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
// The AI's four classes (PRD US-2.2) plus `reply`: a customer answering one of our e-mails (reply+token).
export const STORED_EMAIL_CLASSIFICATIONS = ["sales_inquiry", "spam", "other", "uncertain", "reply"] as const;
export type StoredEmailClassification = (typeof STORED_EMAIL_CLASSIFICATIONS)[number];
// How the e-mail reached us: SendGrid Inbound Parse (parsed fields or raw MIME), a posted message/rfc822, an upload.
export const EMAIL_INTAKES = ["sendgrid_parsed", "sendgrid_raw", "rfc822", "upload"] as const;
export type EmailIntake = (typeof EMAIL_INTAKES)[number];

export type UserRole = (typeof USER_ROLES)[number];
export type AiMode = (typeof AI_MODES)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type LeadSource = (typeof LEAD_SOURCES)[number];

type Values = readonly [string, ...string[]];

/** A text column typed to one of `values`; pair it with `oneOf` in the table's constraints. */
export function enumText<const V extends Values>(name: string, values: V) {
  return text(name, { enum: values as unknown as [V[number], ...V[number][]] });
}

/** CHECK (column IN (...values)). The values are our own constants, inlined as SQL literals. */
export function oneOf(name: string, column: AnyPgColumn, values: Values) {
  const list: SQL = sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "));
  return check(name, sql`${column} in (${list})`);
}
