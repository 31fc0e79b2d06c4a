CREATE TABLE "reply_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reply_templates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reply_templates" ADD CONSTRAINT "reply_templates_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_templates" ADD CONSTRAINT "reply_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reply_templates_dealership_idx" ON "reply_templates" USING btree ("dealership_id","name");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "reply_templates" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "reply_templates" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written:
-- RLS must also bind the table owner (as in 0001_force_rls).
ALTER TABLE "reply_templates" FORCE ROW LEVEL SECURITY;
