import { describe, expect, it } from "vitest";
import { describeCarForReply } from "./describe-car-for-reply.ts";

const car = {
  id: "c1",
  make: "Toyota",
  model: "RAV4",
  variant: "Hybrid",
  year: 2021,
  mileageKm: 45000,
  priceNok: 349900,
  listingUrl: "https://www.finn.no/car/used/ad.html?finnkode=1",
};

describe("describeCarForReply", () => {
  it("names the car with mileage, price and link, in Norwegian number format", () => {
    expect(describeCarForReply(car).replace(/\s/g, " ")).toBe(
      "Toyota RAV4 Hybrid (2021), 45 000 km, 349 900 kr – https://www.finn.no/car/used/ad.html?finnkode=1",
    );
  });

  it("leaves the price out when none is listed", () => {
    const text = describeCarForReply({ ...car, priceNok: null, listingUrl: null, variant: null });
    expect(text.replace(/\s/g, " ")).toBe("Toyota RAV4 (2021), 45 000 km");
    expect(text).not.toContain("kr");
  });
});
