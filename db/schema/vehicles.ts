import { index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, dealershipIdColumn, updatedAtColumn } from "./columns.ts";
import { VEHICLE_STATUSES, enumText, oneOf } from "./enums.ts";
import { tenantPolicies } from "./tenancy.ts";

export const vehicles = pgTable(
  "vehicles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealershipId: dealershipIdColumn(),
    make: text("make").notNull(),
    model: text("model").notNull(),
    variant: text("variant"),
    year: integer("year"),
    vin: text("vin"),
    registrationNumber: text("registration_number"),
    status: enumText("status", VEHICLE_STATUSES).notNull().default("available"),
    // Whole NOK: Norwegian car prices are never quoted in øre.
    priceNok: integer("price_nok"),
    mileageKm: integer("mileage_km"),
    fuelType: text("fuel_type"),
    transmission: text("transmission"),
    color: text("color"),
    listingUrl: text("listing_url"),
    description: text("description"),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index("vehicles_dealership_status_idx").on(t.dealershipId, t.status, t.createdAt),
    index("vehicles_dealership_make_model_idx").on(t.dealershipId, t.make, t.model),
    oneOf("vehicles_status_check", t.status, VEHICLE_STATUSES),
    ...tenantPolicies(),
  ],
);
