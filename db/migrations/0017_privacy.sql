CREATE TABLE "privacy_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"subject_hash" text NOT NULL,
	"subject_sealed" text,
	"requested_by" uuid,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"export_data" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"downloaded_at" timestamp with time zone,
	CONSTRAINT "privacy_requests_kind_check" CHECK ("privacy_requests"."kind" in ('export', 'erase')),
	CONSTRAINT "privacy_requests_status_check" CHECK ("privacy_requests"."status" in ('pending', 'done', 'failed', 'expired'))
);
--> statement-breakpoint
ALTER TABLE "privacy_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "suppressions" DROP CONSTRAINT "suppressions_reason_check";--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "retention_months" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "lawful_basis" text DEFAULT 'inquiry' NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "consent_text" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "consent_version" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "privacy_requests_dealership_idx" ON "privacy_requests" USING btree ("dealership_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "privacy_requests_requested_by_idx" ON "privacy_requests" USING btree ("requested_by");--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_lawful_basis_check" CHECK ("leads"."lawful_basis" in ('inquiry', 'marketing_consent'));--> statement-breakpoint
ALTER TABLE "suppressions" ADD CONSTRAINT "suppressions_reason_check" CHECK ("suppressions"."reason" in ('unsubscribe', 'hard_bounce', 'complaint', 'manual', 'erasure'));--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "privacy_requests" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "privacy_requests" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written: tenant data, so RLS is forced as on every other tenant table.
ALTER TABLE "privacy_requests" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Suppressions now store a keyed hash of the address (lib/suppressions/hash-suppression-address.ts), which SQL
-- cannot compute: the follow-up stop finds the leads through the suppression's lead and the leads sharing its
-- address. A suppression without a lead (a bounce) is caught by the sender's isSuppressed check at send time.
CREATE OR REPLACE FUNCTION suppressions_stop_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  IF NEW.lead_id IS NULL THEN RETURN NULL; END IF;
  SELECT array_agg(l.id) INTO ids FROM leads l
   WHERE l.dealership_id = NEW.dealership_id
     AND (l.id = NEW.lead_id
          OR EXISTS (SELECT 1 FROM leads s WHERE s.id = NEW.lead_id AND s.dealership_id = NEW.dealership_id
                       AND ((NEW.channel = 'email' AND s.email_normalized IS NOT NULL
                             AND l.email_normalized = s.email_normalized)
                         OR (NEW.channel = 'sms' AND s.phone_normalized IS NOT NULL
                             AND l.phone_normalized = s.phone_normalized))))
     AND EXISTS (SELECT 1 FROM follow_ups f WHERE f.lead_id = l.id AND f.dealership_id = l.dealership_id
                   AND f.status IN ('scheduled', 'queued', 'drafting', 'sending', 'awaiting_approval'));
  IF ids IS NOT NULL THEN PERFORM stop_follow_ups(NEW.dealership_id, ids, 'suppressed'); END IF;
  RETURN NULL;
END $$;
