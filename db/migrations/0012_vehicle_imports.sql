CREATE TABLE "vehicle_import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"source" text NOT NULL,
	"actor_user_id" uuid,
	"ok" boolean NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"marked_sold" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"message" text,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_import_runs_source_check" CHECK ("vehicle_import_runs"."source" in ('csv', 'feed', 'api'))
);
--> statement-breakpoint
ALTER TABLE "vehicle_import_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "vehicle_import_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"csv_mapping" jsonb,
	"feed_url" text,
	"feed_format" text DEFAULT 'auto' NOT NULL,
	"feed_enabled" boolean DEFAULT false NOT NULL,
	"feed_cron" text DEFAULT '0 * * * *' NOT NULL,
	"feed_mark_missing_sold" boolean DEFAULT false NOT NULL,
	"feed_failing_since" timestamp with time zone,
	"feed_alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicle_import_settings_feed_format_check" CHECK ("vehicle_import_settings"."feed_format" in ('auto', 'csv', 'json', 'xml'))
);
--> statement-breakpoint
ALTER TABLE "vehicle_import_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "vehicle_import_runs" ADD CONSTRAINT "vehicle_import_runs_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_import_settings" ADD CONSTRAINT "vehicle_import_settings_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vehicle_import_runs_dealership_idx" ON "vehicle_import_runs" USING btree ("dealership_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_import_settings_dealership_key" ON "vehicle_import_settings" USING btree ("dealership_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "vehicle_import_runs" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "vehicle_import_runs" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "vehicle_import_settings" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "vehicle_import_settings" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written:
-- RLS must also bind the table owner (as in 0001_force_rls).
ALTER TABLE "vehicle_import_runs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "vehicle_import_settings" FORCE ROW LEVEL SECURITY;
