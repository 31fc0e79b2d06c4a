import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { conversations } from "./conversations.ts";
import { createdAtColumn, dealershipIdColumn } from "./columns.ts";
import { INBOUND_SMS_OUTCOMES, enumText, oneOf } from "./enums.ts";
import { leads } from "./leads.ts";
import { tenantPolicies } from "./tenancy.ts";

/** A media item of an MMS, referenced by Twilio's URL and never downloaded by us. */
export type InboundSmsMedia = { url: string; contentType: string | null };

/**
 * Every customer SMS Twilio delivered to us, once: MessageSid is unique across all dealerships (Twilio's id), so a
 * retried webhook finds its row and changes nothing. Holds personal data (the number and the text); deleted with
 * the dealership, kept when the lead is deleted (lead_id set null) so a late retry is still recognised.
 */
export const inboundSms = pgTable(
  "inbound_sms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    messageSid: text("message_sid").notNull(),
    fromNumber: text("from_number").notNull(),
    toNumber: text("to_number").notNull(),
    body: text("body").notNull(),
    media: jsonb("media").$type<InboundSmsMedia[]>().notNull().default([]),
    numSegments: integer("num_segments"),
    outcome: enumText("outcome", INBOUND_SMS_OUTCOMES).notNull(),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "set null" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("inbound_sms_message_sid_uq").on(t.messageSid),
    index("inbound_sms_dealership_from_idx").on(
      t.dealershipId,
      t.fromNumber,
      t.createdAt.desc().nullsFirst(),
    ),
    index("inbound_sms_lead_idx")
      .on(t.leadId)
      .where(sql`${t.leadId} is not null`),
    index("inbound_sms_conversation_idx")
      .on(t.conversationId)
      .where(sql`${t.conversationId} is not null`),
    oneOf("inbound_sms_outcome_check", t.outcome, INBOUND_SMS_OUTCOMES),
    ...tenantPolicies(),
  ],
);
