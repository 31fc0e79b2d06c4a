CREATE TABLE "suppressions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"reason" text NOT NULL,
	"lead_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppressions_channel_check" CHECK ("suppressions"."channel" in ('email', 'sms')),
	CONSTRAINT "suppressions_reason_check" CHECK ("suppressions"."reason" in ('unsubscribe', 'hard_bounce', 'complaint', 'manual'))
);
--> statement-breakpoint
ALTER TABLE "suppressions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "conversations" DROP CONSTRAINT "conversations_delivery_status_check";--> statement-breakpoint
ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_status_check";--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "needs_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "reply_to" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "suppressions_address_uq" ON "suppressions" USING btree ("dealership_id","channel","address");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_delivery_status_check" CHECK ("conversations"."delivery_status" in ('draft', 'held', 'pending', 'queued', 'sent', 'delivered', 'failed', 'bounced', 'complained'));--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_status_check" CHECK ("outbox_messages"."status" in ('draft', 'held', 'pending', 'queued', 'sent', 'delivered', 'failed', 'bounced', 'complained'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "suppressions" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "suppressions" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- RLS binds the table owner too (see 0001_force_rls).
ALTER TABLE "suppressions" FORCE ROW LEVEL SECURITY;