CREATE TABLE "inbound_sms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"message_sid" text NOT NULL,
	"from_number" text NOT NULL,
	"to_number" text NOT NULL,
	"body" text NOT NULL,
	"media" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"num_segments" integer,
	"outcome" text NOT NULL,
	"lead_id" uuid,
	"conversation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_sms_outcome_check" CHECK ("inbound_sms"."outcome" in ('threaded', 'new_lead', 'opted_out', 'opted_in', 'help', 'unrouted'))
);
--> statement-breakpoint
ALTER TABLE "inbound_sms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "leads" DROP CONSTRAINT "leads_source_check";--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "ai_reply_mode" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "ai_handoff_after_turns" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "sms_number" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "sms_sender_id" text;--> statement-breakpoint
ALTER TABLE "inbound_sms" ADD CONSTRAINT "inbound_sms_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_sms" ADD CONSTRAINT "inbound_sms_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_sms" ADD CONSTRAINT "inbound_sms_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_sms_message_sid_uq" ON "inbound_sms" USING btree ("message_sid");--> statement-breakpoint
CREATE INDEX "inbound_sms_dealership_from_idx" ON "inbound_sms" USING btree ("dealership_id","from_number","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "inbound_sms_lead_idx" ON "inbound_sms" USING btree ("lead_id") WHERE "inbound_sms"."lead_id" is not null;--> statement-breakpoint
CREATE INDEX "inbound_sms_conversation_idx" ON "inbound_sms" USING btree ("conversation_id") WHERE "inbound_sms"."conversation_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "dealerships_sms_number_uq" ON "dealerships" USING btree ("sms_number") WHERE "dealerships"."sms_number" is not null;--> statement-breakpoint
ALTER TABLE "dealerships" ADD CONSTRAINT "dealerships_ai_reply_mode_check" CHECK ("dealerships"."ai_reply_mode" in ('autopilot', 'draft', 'off'));--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_source_check" CHECK ("leads"."source" in ('website', 'email', 'facebook', 'manual', 'api', 'sms'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "inbound_sms" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "inbound_sms" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written:
-- RLS must also bind the table owner (as in 0001_force_rls).
ALTER TABLE "inbound_sms" FORCE ROW LEVEL SECURITY;
