ALTER TABLE "privacy_requests" DROP CONSTRAINT "privacy_requests_kind_check";--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "export_html" text;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "html_downloaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "progress_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "progress_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "file_path" text;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD COLUMN "file_bytes" bigint;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_kind_check" CHECK ("privacy_requests"."kind" in ('export', 'erase', 'dealership_export'));