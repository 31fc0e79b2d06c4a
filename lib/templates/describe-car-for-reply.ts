/** What the reply form needs to offer a car from stock: only cars for sale; the price only when listed. */
export type ReplyCar = {
  id: string;
  make: string;
  model: string;
  variant: string | null;
  year: number | null;
  mileageKm: number | null;
  priceNok: number | null;
  listingUrl: string | null;
};

const NUMBER = new Intl.NumberFormat("nb-NO", { maximumFractionDigits: 0 });

/** The car's name as the customer reads it: "Toyota RAV4 Hybrid (2021)". */
export function carName(car: Pick<ReplyCar, "make" | "model" | "variant" | "year">): string {
  const name = [car.make, car.model, car.variant].filter(Boolean).join(" ");
  return car.year ? `${name} (${car.year})` : name;
}

/**
 * The line inserted into a reply (always Norwegian: it goes to the customer):
 * "Toyota RAV4 Hybrid (2021), 45 000 km, 349 900 kr – https://…". No price when the car has none listed.
 */
export function describeCarForReply(car: ReplyCar): string {
  const parts = [carName(car)];
  if (car.mileageKm !== null) parts.push(`${NUMBER.format(car.mileageKm)} km`);
  if (car.priceNok !== null && car.priceNok > 0) parts.push(`${NUMBER.format(car.priceNok)} kr`);
  const line = parts.join(", ");
  return car.listingUrl ? `${line} – ${car.listingUrl}` : line;
}
