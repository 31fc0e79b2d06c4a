CREATE TABLE "llm_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"model" text NOT NULL,
	"latency_ms" integer NOT NULL,
	"input_tokens" integer,
	"output_tokens" integer,
	"cache_read_tokens" integer,
	"cache_creation_tokens" integer,
	"outcome" text NOT NULL,
	"error_kind" text,
	"lead_id" uuid,
	"email_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "llm_calls_purpose_check" CHECK ("llm_calls"."purpose" in ('draft_reply', 'classify_email')),
	CONSTRAINT "llm_calls_outcome_check" CHECK ("llm_calls"."outcome" in ('ok', 'timeout', 'rate_limited', 'api_error', 'invalid_output'))
);
--> statement-breakpoint
ALTER TABLE "llm_calls" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD CONSTRAINT "llm_calls_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD CONSTRAINT "llm_calls_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD CONSTRAINT "llm_calls_email_id_emails_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."emails"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "llm_calls_dealership_created_idx" ON "llm_calls" USING btree ("dealership_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "llm_calls" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "llm_calls" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- RLS must also bind the table owner (as in 0001_force_rls).
ALTER TABLE "llm_calls" FORCE ROW LEVEL SECURITY;
