import type { Vehicle } from "./find-vehicles.ts";

/**
 * A car as the public API shows it: snake_case like the PRD contract and the rest of our hand-written API JSON
 * (lead_id, customer_name), and an explicit field list so a new internal column never leaks by accident.
 */
export function toVehicleJson(v: Vehicle) {
  return {
    id: v.id,
    make: v.make,
    model: v.model,
    variant: v.variant,
    year: v.year,
    vin: v.vin,
    registration_number: v.registrationNumber,
    price_nok: v.priceNok,
    mileage_km: v.mileageKm,
    fuel_type: v.fuelType,
    transmission: v.transmission,
    color: v.color,
    status: v.status,
    listing_url: v.listingUrl,
    description: v.description,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
  };
}
