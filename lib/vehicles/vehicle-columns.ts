import type { vehicles } from "../../db/schema/vehicles.ts";
import type { VehicleFieldName, VehicleUpdateInput } from "./schemas.ts";

type VehicleInsert = typeof vehicles.$inferInsert;
type ColumnKey = keyof VehicleInsert;

/** API/CSV field name → the Drizzle column key. */
export const COLUMN_OF: Record<VehicleFieldName, ColumnKey> = {
  stock_number: "stockNumber",
  make: "make",
  model: "model",
  variant: "variant",
  year: "year",
  first_registration: "firstRegistration",
  registration_number: "registrationNumber",
  vin: "vin",
  mileage_km: "mileageKm",
  price_nok: "priceNok",
  fuel_type: "fuelType",
  transmission: "transmission",
  drivetrain: "drivetrain",
  body_type: "bodyType",
  seats: "seats",
  range_km: "rangeKm",
  towbar: "towbar",
  equipment: "equipment",
  color: "color",
  status: "status",
  listing_url: "listingUrl",
  finn_code: "finnCode",
  image_urls: "imageUrls",
  description: "description",
};

/** The columns a validated input sets (only the fields present in it; status null means "leave it"). */
export function columnsOf(input: VehicleUpdateInput): Partial<VehicleInsert> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    const key = COLUMN_OF[field as VehicleFieldName];
    if (!key || value === undefined) continue;
    if (key === "status" && value === null) continue;
    out[key] = value;
  }
  return out as Partial<VehicleInsert>;
}

const same = (a: unknown, b: unknown) =>
  Array.isArray(a) || Array.isArray(b)
    ? JSON.stringify(a ?? []) === JSON.stringify(b ?? [])
    : (a ?? null) === (b ?? null);

/** The columns of `next` that differ from the stored row: {} means the input changes nothing. */
export function changedColumns(
  stored: Record<string, unknown>,
  next: Partial<VehicleInsert>,
): Partial<VehicleInsert> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) if (!same(stored[key], value)) out[key] = value;
  return out as Partial<VehicleInsert>;
}
