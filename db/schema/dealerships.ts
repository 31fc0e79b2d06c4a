import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { AI_ADDRESS_FORMS, AI_MODES, enumText, oneOf } from "./enums.ts";
import { tenantPolicies } from "./tenancy.ts";

/** One opening interval, local wall-clock "HH:MM" in the dealership's zone; "24:00" closes at midnight. */
export type BusinessInterval = { open: string; close: string };
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
/** Per weekday the day's opening intervals in order (09:00–12:00 and 13:00–17:00); an empty list is a closed day. */
export type BusinessHours = Record<Weekday, BusinessInterval[]>;
export type Branding = { logoUrl?: string; primaryColor?: string; emailSignature?: string };

/**
 * A date whose hours differ from the weekly ones (a closed day, a late opening, a holiday the dealership keeps open):
 * `hours` empty means closed all day. Dates are local to the dealership's time zone.
 */
export type SpecialDay = { date: string; hours: BusinessInterval[]; note?: string };

/** Per-dealership e-mail intake settings (Settings → Integrations → E-post). */
export type EmailIntegrationSettings = {
  /** Mail from these domains is set aside as spam before any parser or the AI reads it. */
  blockedSenderDomains?: string[];
};

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  mon: [{ open: "09:00", close: "17:00" }],
  tue: [{ open: "09:00", close: "17:00" }],
  wed: [{ open: "09:00", close: "17:00" }],
  thu: [{ open: "09:00", close: "19:00" }],
  fri: [{ open: "09:00", close: "17:00" }],
  sat: [{ open: "10:00", close: "15:00" }],
  sun: [],
};

export const dealerships = pgTable(
  "dealerships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    address: text("address"),
    city: text("city"),
    clerkOrgId: text("clerk_org_id"),
    subscriptionStatus: text("subscription_status").notNull().default("active"),
    subscriptionTier: text("subscription_tier").notNull().default("starter"),
    // Public key in the website-form webhook URL; random and rotatable, never the internal id.
    formKey: text("form_key").notNull(),
    timezone: text("timezone").notNull().default("Europe/Oslo"),
    locale: text("locale").notNull().default("nb"),
    businessHours: jsonb("business_hours").$type<BusinessHours>().notNull().default(DEFAULT_BUSINESS_HOURS),
    branding: jsonb("branding").$type<Branding>().notNull().default({}),
    aiMode: enumText("ai_mode", AI_MODES).notNull().default("autopilot"),
    aiAddressForm: enumText("ai_address_form", AI_ADDRESS_FORMS).notNull().default("du"),
    // Plain text the prompt carries fenced off as data: tone and facts, never able to lift a guardrail.
    aiExtraInstructions: text("ai_extra_instructions"),
    // Lead sources the AI does not answer (the rep is still alerted). A list of exclusions, so a source added
    // later (SMS) is answered unless a dealership turns it off.
    aiSkipSources: text("ai_skip_sources").array().notNull().default([]),
    // The conversation after the first reply (issue 20): how the AI answers a customer who writes again. Draft by
    // default (a person approves each answer); autopilot only when an admin chooses it.
    aiReplyMode: enumText("ai_reply_mode", AI_MODES).notNull().default("draft"),
    // After this many AI answers in one conversation a person takes over (the rep is alerted).
    aiHandoffAfterTurns: integer("ai_handoff_after_turns").notNull().default(3),
    // The dealership's own Twilio number (E.164): customers text it, and our SMS to its customers come from it.
    // Without one, SMS go from the installation's TWILIO_FROM and replies are routed by the customer's last lead.
    smsNumber: text("sms_number"),
    // Alphanumeric sender id (≤ 11 characters) for outbound SMS when the dealership has no number of its own.
    smsSenderId: text("sms_sender_id"),
    // The profile (Settings → Forhandler): the legal entity, how customers reach the sales and service desks.
    legalName: text("legal_name"),
    orgNumber: text("org_number"),
    postalCode: text("postal_code"),
    website: text("website"),
    serviceEmail: text("service_email"),
    servicePhone: text("service_phone"),
    // Norwegian public holidays count as closed unless a special day says otherwise.
    observePublicHolidays: boolean("observe_public_holidays").notNull().default(true),
    specialDays: jsonb("special_days").$type<SpecialDay[]>().notNull().default([]),
    onboardingDismissedAt: timestamp("onboarding_dismissed_at", { withTimezone: true }),
    welcomeEmailSentAt: timestamp("welcome_email_sent_at", { withTimezone: true }),
    // Website form: origins allowed to post with fetch (CORS) and where a plain HTML form post lands afterwards.
    formAllowedOrigins: text("form_allowed_origins").array().notNull().default([]),
    formThankYouUrl: text("form_thank_you_url"),
    // E-mail intake: mail to {inboundEmailLocalPart}@INBOUND_EMAIL_DOMAIN becomes this dealership's. Random and
    // rotatable; the previous local part keeps working for a grace period so forwarding rules can be updated.
    emailIntegrationEnabled: boolean("email_integration_enabled").notNull().default(true),
    // The defaults give existing and scripted dealerships one; insertDealership makes a readable `{slug}-{random}`.
    inboundEmailLocalPart: text("inbound_email_local_part")
      .notNull()
      .default(sql`'d-' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)`),
    inboundEmailPreviousLocalPart: text("inbound_email_previous_local_part"),
    inboundEmailRotatedAt: timestamp("inbound_email_rotated_at", { withTimezone: true }),
    // The dealership's own inbound webhook URL (/api/webhooks/email/inbound/<secret>), for providers that post
    // one dealership's mail (raw MIME); SendGrid on our domain uses the installation's secret instead.
    inboundEmailSecret: text("inbound_email_secret")
      .notNull()
      .default(sql`replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')`),
    emailIntegrationSettings: jsonb("email_integration_settings")
      .$type<EmailIntegrationSettings>()
      .notNull()
      .default({}),
    // GDPR retention: leads without activity for this many months are anonymised by privacy.retention.
    retentionMonths: integer("retention_months").notNull().default(24),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("dealerships_slug_uq").on(t.slug),
    uniqueIndex("dealerships_form_key_uq").on(t.formKey),
    uniqueIndex("dealerships_inbound_email_uq").on(t.inboundEmailLocalPart),
    uniqueIndex("dealerships_inbound_email_previous_uq")
      .on(t.inboundEmailPreviousLocalPart)
      .where(sql`${t.inboundEmailPreviousLocalPart} is not null`),
    uniqueIndex("dealerships_inbound_email_secret_uq").on(t.inboundEmailSecret),
    uniqueIndex("dealerships_sms_number_uq")
      .on(t.smsNumber)
      .where(sql`${t.smsNumber} is not null`),
    oneOf("dealerships_ai_reply_mode_check", t.aiReplyMode, AI_MODES),
    uniqueIndex("dealerships_clerk_org_uq")
      .on(t.clerkOrgId)
      .where(sql`${t.clerkOrgId} is not null`),
    oneOf("dealerships_ai_mode_check", t.aiMode, AI_MODES),
    oneOf("dealerships_ai_address_form_check", t.aiAddressForm, AI_ADDRESS_FORMS),
    ...tenantPolicies("id"),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The dealership's logo, resized and re-encoded on upload, in a table of its own so that the many reads of a
 * dealership row never carry the image. Served publicly (e-mail clients load it) under a URL with its hash.
 */
export const dealershipLogos = pgTable(
  "dealership_logos",
  {
    dealershipId: uuid("dealership_id")
      .primaryKey()
      .references(() => dealerships.id, { onDelete: "cascade" }),
    content: bytea("content").notNull(),
    contentType: text("content_type").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    sha256: text("sha256").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  () => [...tenantPolicies()],
);
