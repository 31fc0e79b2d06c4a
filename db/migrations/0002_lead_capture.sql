DROP INDEX "leads_inbox_idx";--> statement-breakpoint
DROP INDEX "leads_inbox_status_idx";--> statement-breakpoint
DROP INDEX "leads_inbox_source_idx";--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "form_allowed_origins" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "dealerships" ADD COLUMN "form_thank_you_url" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "is_spam" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "leads_inbox_idx" ON "leads" USING btree ("dealership_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "leads"."is_spam" = false;--> statement-breakpoint
CREATE INDEX "leads_inbox_status_idx" ON "leads" USING btree ("dealership_id","status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "leads"."is_spam" = false;--> statement-breakpoint
CREATE INDEX "leads_inbox_source_idx" ON "leads" USING btree ("dealership_id","source","created_at" DESC NULLS FIRST) WHERE "leads"."is_spam" = false;