import type { Vehicle } from "./find-vehicles.ts";
import { formatRegistrationNumber } from "./registration-number.ts";

/** A stored car as the edit form's strings (lists one item per line); an empty form for a new car. */
export function toVehicleFormValues(v: Vehicle | null) {
  const s = (x: string | number | null | undefined) => (x == null ? "" : String(x));
  return {
    stock_number: s(v?.stockNumber),
    make: s(v?.make),
    model: s(v?.model),
    variant: s(v?.variant),
    year: s(v?.year),
    first_registration: s(v?.firstRegistration),
    registration_number: s(formatRegistrationNumber(v?.registrationNumber ?? null)),
    vin: s(v?.vin),
    mileage_km: s(v?.mileageKm),
    price_nok: s(v?.priceNok),
    fuel_type: s(v?.fuelType),
    transmission: s(v?.transmission),
    drivetrain: s(v?.drivetrain),
    body_type: s(v?.bodyType),
    seats: s(v?.seats),
    range_km: s(v?.rangeKm),
    towbar: v?.towbar == null ? "" : String(v.towbar),
    equipment: (v?.equipment ?? []).join("\n"),
    color: s(v?.color),
    status: v?.status ?? "available",
    listing_url: s(v?.listingUrl),
    finn_code: s(v?.finnCode),
    image_urls: (v?.imageUrls ?? []).join("\n"),
    description: s(v?.description),
  };
}
