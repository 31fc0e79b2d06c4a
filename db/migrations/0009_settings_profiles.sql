CREATE TABLE "dealership_logos" (
	"dealership_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"sha256" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dealership_logos" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "phone_verifications" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"dealership_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "phone_verifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "ai_address_form" text DEFAULT 'du' NOT NULL;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "ai_extra_instructions" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "ai_skip_sources" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "org_number" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "service_email" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "service_phone" text;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "observe_public_holidays" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "special_days" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "onboarding_dismissed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "welcome_email_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dealership_logos" ADD CONSTRAINT "dealership_logos_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_verifications" ADD CONSTRAINT "phone_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_verifications" ADD CONSTRAINT "phone_verifications_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealerships" ADD CONSTRAINT "dealerships_ai_address_form_check" CHECK ("dealerships"."ai_address_form" in ('du', 'de'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "dealership_logos" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "dealership_logos" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "phone_verifications" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "phone_verifications" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- RLS must also bind the table owner (as in 0001_force_rls).
ALTER TABLE "dealership_logos" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "phone_verifications" FORCE ROW LEVEL SECURITY;
