import type { Vehicle } from "./find-vehicles.ts";

/**
 * A car as the public API shows it: snake_case like the PRD contract and the rest of our hand-written API JSON
 * (lead_id, customer_name), and an explicit field list so a new internal column never leaks by accident.
 */
export function toVehicleJson(v: Vehicle) {
  return {
    id: v.id,
    stock_number: v.stockNumber,
    make: v.make,
    model: v.model,
    variant: v.variant,
    year: v.year,
    first_registration: v.firstRegistration,
    vin: v.vin,
    registration_number: v.registrationNumber,
    price_nok: v.priceNok,
    mileage_km: v.mileageKm,
    fuel_type: v.fuelType,
    transmission: v.transmission,
    drivetrain: v.drivetrain,
    body_type: v.bodyType,
    seats: v.seats,
    range_km: v.rangeKm,
    towbar: v.towbar,
    equipment: v.equipment,
    color: v.color,
    status: v.status,
    status_changed_at: v.statusChangedAt,
    listing_url: v.listingUrl,
    finn_code: v.finnCode,
    image_urls: v.imageUrls,
    description: v.description,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
  };
}
