ALTER TABLE "vehicles" ADD COLUMN "stock_number" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "first_registration" date;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "drivetrain" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "body_type" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "seats" integer;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "range_km" integer;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "towbar" boolean;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "equipment" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "finn_code" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "image_urls" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_dealership_stock_number_key" ON "vehicles" USING btree ("dealership_id","stock_number") WHERE "vehicles"."stock_number" is not null and "vehicles"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "vehicles_dealership_registration_idx" ON "vehicles" USING btree ("dealership_id","registration_number");--> statement-breakpoint
CREATE INDEX "vehicles_dealership_vin_idx" ON "vehicles" USING btree ("dealership_id","vin");--> statement-breakpoint
-- Free-text fuel and gearbox become codes before their CHECKs ("Elektrisk" -> electric, "Automat" -> automatic);
-- registration numbers lose their spaces ("EL 12345" -> EL12345). The table owner runs this with FORCE RLS lifted
-- for these statements only, so every dealership's cars are converted.
ALTER TABLE "vehicles" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "vehicles" SET "fuel_type" = CASE
    WHEN lower(trim("fuel_type")) IN ('elektrisk', 'el', 'elbil', 'electric', 'ev', 'bev') THEN 'electric'
    WHEN lower(trim("fuel_type")) IN ('ladbar hybrid', 'plug-in hybrid', 'plugin hybrid', 'plug-in', 'phev', 'plug_in_hybrid') THEN 'plug_in_hybrid'
    WHEN lower(trim("fuel_type")) IN ('hybrid', 'hev', 'mild hybrid') THEN 'hybrid'
    WHEN lower(trim("fuel_type")) IN ('bensin', 'petrol', 'gasoline') THEN 'petrol'
    WHEN lower(trim("fuel_type")) = 'diesel' THEN 'diesel'
    WHEN lower(trim("fuel_type")) IN ('hydrogen', 'hydrogen (fcev)') THEN 'hydrogen'
    ELSE 'other' END
  WHERE "fuel_type" IS NOT NULL;--> statement-breakpoint
UPDATE "vehicles" SET "transmission" = CASE
    WHEN lower(trim("transmission")) IN ('manuell', 'manual', 'manuelt') THEN 'manual'
    ELSE 'automatic' END
  WHERE "transmission" IS NOT NULL;--> statement-breakpoint
UPDATE "vehicles" SET "registration_number" = upper(regexp_replace("registration_number", '[\s-]', '', 'g'))
  WHERE "registration_number" ~ '[\s-]|[a-z]';--> statement-breakpoint
UPDATE "vehicles" SET "status_changed_at" = "updated_at" WHERE "status" <> 'available';--> statement-breakpoint
ALTER TABLE "vehicles" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_fuel_type_check" CHECK ("vehicles"."fuel_type" in ('electric', 'plug_in_hybrid', 'hybrid', 'petrol', 'diesel', 'hydrogen', 'other'));--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_transmission_check" CHECK ("vehicles"."transmission" in ('automatic', 'manual'));--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_drivetrain_check" CHECK ("vehicles"."drivetrain" in ('fwd', 'rwd', 'awd'));--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_body_type_check" CHECK ("vehicles"."body_type" in ('suv', 'station_wagon', 'sedan', 'hatchback', 'mpv', 'coupe', 'convertible', 'pickup', 'van'));