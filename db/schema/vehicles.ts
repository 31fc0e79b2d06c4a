import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn, updatedAtColumn } from "./columns.ts";
import {
  VEHICLE_BODY_TYPES,
  VEHICLE_DRIVETRAINS,
  VEHICLE_FUELS,
  VEHICLE_STATUSES,
  VEHICLE_TRANSMISSIONS,
  enumText,
  oneOf,
} from "./enums.ts";
import { tenantPolicies } from "./tenancy.ts";

export const vehicles = pgTable(
  "vehicles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    // The dealer's own key (DMS "lagernummer"); CSV, feed and bulk API upserts match on it first.
    stockNumber: text("stock_number"),
    make: text("make").notNull(),
    model: text("model").notNull(),
    variant: text("variant"),
    year: integer("year"),
    firstRegistration: date("first_registration"),
    vin: text("vin"),
    // Normalised: upper case, no spaces or hyphens ("EL12345").
    registrationNumber: text("registration_number"),
    status: enumText("status", VEHICLE_STATUSES).notNull().default("available"),
    // When the status last changed: the sold/reserved date the page shows, and the moment the responder stops
    // offering the car.
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    // Whole NOK: Norwegian car prices are never quoted in øre.
    priceNok: integer("price_nok"),
    mileageKm: integer("mileage_km"),
    fuelType: enumText("fuel_type", VEHICLE_FUELS),
    transmission: enumText("transmission", VEHICLE_TRANSMISSIONS),
    drivetrain: enumText("drivetrain", VEHICLE_DRIVETRAINS),
    bodyType: enumText("body_type", VEHICLE_BODY_TYPES),
    seats: integer("seats"),
    // WLTP range for electric cars and plug-in hybrids.
    rangeKm: integer("range_km"),
    towbar: boolean("towbar"),
    equipment: text("equipment")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    color: text("color"),
    listingUrl: text("listing_url"),
    finnCode: text("finn_code"),
    imageUrls: text("image_urls")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text("description"),
    // Soft delete: leads that cited the car keep their link and history; lists, search and the responder skip it.
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index("vehicles_dealership_status_idx").on(t.dealershipId, t.status, t.createdAt),
    index("vehicles_dealership_make_model_idx").on(t.dealershipId, t.make, t.model),
    uniqueIndex("vehicles_dealership_stock_number_key")
      .on(t.dealershipId, t.stockNumber)
      .where(sql`${t.stockNumber} is not null and ${t.deletedAt} is null`),
    index("vehicles_dealership_registration_idx").on(t.dealershipId, t.registrationNumber),
    index("vehicles_dealership_vin_idx").on(t.dealershipId, t.vin),
    oneOf("vehicles_status_check", t.status, VEHICLE_STATUSES),
    oneOf("vehicles_fuel_type_check", t.fuelType, VEHICLE_FUELS),
    oneOf("vehicles_transmission_check", t.transmission, VEHICLE_TRANSMISSIONS),
    oneOf("vehicles_drivetrain_check", t.drivetrain, VEHICLE_DRIVETRAINS),
    oneOf("vehicles_body_type_check", t.bodyType, VEHICLE_BODY_TYPES),
    ...tenantPolicies(),
  ],
);
