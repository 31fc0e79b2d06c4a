CREATE TABLE "facebook_lead_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid,
	"leadgen_id" text NOT NULL,
	"page_id" text NOT NULL,
	"form_id" text,
	"ad_id" text,
	"submitted_at" timestamp with time zone,
	"status" text DEFAULT 'pending' NOT NULL,
	"via" text DEFAULT 'webhook' NOT NULL,
	"change" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"lead_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "facebook_deliveries_status_check" CHECK ("facebook_lead_deliveries"."status" in ('pending', 'processed', 'unmatched', 'waiting', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "facebook_lead_deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "facebook_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"page_id" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"access_token_sealed" text NOT NULL,
	"connected_via" text DEFAULT 'token' NOT NULL,
	"connected_by" uuid,
	"last_lead_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facebook_pages_status_check" CHECK ("facebook_pages"."status" in ('active', 'needs_reconnect'))
);
--> statement-breakpoint
ALTER TABLE "facebook_pages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "facebook_lead_deliveries" ADD CONSTRAINT "facebook_lead_deliveries_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facebook_lead_deliveries" ADD CONSTRAINT "facebook_lead_deliveries_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facebook_pages" ADD CONSTRAINT "facebook_pages_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facebook_pages" ADD CONSTRAINT "facebook_pages_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "facebook_deliveries_leadgen_uq" ON "facebook_lead_deliveries" USING btree ("leadgen_id");--> statement-breakpoint
CREATE INDEX "facebook_deliveries_dealership_idx" ON "facebook_lead_deliveries" USING btree ("dealership_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "facebook_deliveries_page_status_idx" ON "facebook_lead_deliveries" USING btree ("page_id","status");--> statement-breakpoint
CREATE INDEX "facebook_deliveries_unmatched_idx" ON "facebook_lead_deliveries" USING btree ("page_id") WHERE "facebook_lead_deliveries"."dealership_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "facebook_pages_page_uq" ON "facebook_pages" USING btree ("page_id");--> statement-breakpoint
CREATE INDEX "facebook_pages_dealership_idx" ON "facebook_pages" USING btree ("dealership_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "facebook_lead_deliveries" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "facebook_lead_deliveries" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "facebook_pages" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "facebook_pages" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- RLS must also bind the table owner (as in 0001_force_rls).
ALTER TABLE "facebook_pages" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "facebook_lead_deliveries" FORCE ROW LEVEL SECURITY;
