CREATE TABLE "emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"lead_id" uuid,
	"message_id" text NOT NULL,
	"from_email" text DEFAULT '' NOT NULL,
	"from_name" text,
	"recipients" text[] DEFAULT '{}' NOT NULL,
	"subject" text,
	"body_text" text,
	"body_html" text,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"auth_results" jsonb,
	"intake" text NOT NULL,
	"raw_content_type" text NOT NULL,
	"raw" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"processing_status" text DEFAULT 'pending' NOT NULL,
	"classification" text,
	"classification_confidence" real,
	"classified_by" text,
	"reason" text,
	"extracted_data" jsonb,
	"error_message" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "emails_status_check" CHECK ("emails"."processing_status" in ('pending', 'processing', 'processed', 'failed', 'ignored')),
	CONSTRAINT "emails_classification_check" CHECK ("emails"."classification" in ('sales_inquiry', 'spam', 'other', 'uncertain', 'reply')),
	CONSTRAINT "emails_intake_check" CHECK ("emails"."intake" in ('sendgrid_parsed', 'sendgrid_raw', 'rfc822', 'upload'))
);
--> statement-breakpoint
ALTER TABLE "emails" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "conversations" DROP CONSTRAINT "conversations_delivery_status_check";--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_status_check";--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "email_integration_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "inbound_email_local_part" text DEFAULT ('d-' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)) NOT NULL;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "inbound_email_previous_local_part" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "inbound_email_rotated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "inbound_email_secret" text DEFAULT (replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')) NOT NULL;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "email_integration_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emails" ADD CONSTRAINT "emails_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "emails_message_id_uq" ON "emails" USING btree ("dealership_id","message_id");--> statement-breakpoint
CREATE INDEX "emails_received_idx" ON "emails" USING btree ("dealership_id","received_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "emails_status_idx" ON "emails" USING btree ("dealership_id","processing_status","received_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "emails_classification_idx" ON "emails" USING btree ("dealership_id","classification","received_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "emails_lead_idx" ON "emails" USING btree ("lead_id") WHERE "emails"."lead_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "dealerships_inbound_email_uq" ON "dealerships" USING btree ("inbound_email_local_part");--> statement-breakpoint
CREATE UNIQUE INDEX "dealerships_inbound_email_previous_uq" ON "dealerships" USING btree ("inbound_email_previous_local_part") WHERE "dealerships"."inbound_email_previous_local_part" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "dealerships_inbound_email_secret_uq" ON "dealerships" USING btree ("inbound_email_secret");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_delivery_status_check" CHECK ("conversations"."delivery_status" in ('draft', 'held', 'pending', 'queued', 'sent', 'delivered', 'failed', 'bounced', 'complained', 'cancelled'));--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_status_check" CHECK ("outbox_messages"."status" in ('draft', 'held', 'pending', 'queued', 'sent', 'delivered', 'failed', 'bounced', 'complained', 'cancelled'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "emails" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "emails" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- RLS must also bind the table owner (as in 0001_force_rls).
ALTER TABLE "emails" FORCE ROW LEVEL SECURITY;
