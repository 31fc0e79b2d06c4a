import { describe, expect, it } from "vitest";
import { fillTemplate, firstNameOf } from "./fill-template.ts";

const values = {
  firstName: "Kari",
  car: "Toyota RAV4 2021",
  rep: "Ola Hansen",
  openingHoursToday: "09:00–17:00",
};

describe("fillTemplate", () => {
  it("fills every Norwegian variable and its English alias", () => {
    expect(fillTemplate("Hei {fornavn}! {bil} er klar. Hilsen {selger}, åpent {åpningstider}.", values)).toBe(
      "Hei Kari! Toyota RAV4 2021 er klar. Hilsen Ola Hansen, åpent 09:00–17:00.",
    );
    expect(fillTemplate("Hi {first_name}, {car} – {rep} ({opening_hours})", values)).toBe(
      "Hi Kari, Toyota RAV4 2021 – Ola Hansen (09:00–17:00)",
    );
  });

  it("tidies the gap a missing value leaves", () => {
    expect(fillTemplate("Hei {fornavn}, takk for at du tok kontakt.", { ...values, firstName: null })).toBe(
      "Hei, takk for at du tok kontakt.",
    );
  });

  it("leaves unknown braces alone", () => {
    expect(fillTemplate("Pris {pris}", values)).toBe("Pris {pris}");
  });
});

describe("firstNameOf", () => {
  it("takes the first word, never an e-mail address", () => {
    expect(firstNameOf("  Kari  Nordmann ")).toBe("Kari");
    expect(firstNameOf("kari@example.no")).toBeNull();
    expect(firstNameOf(null)).toBeNull();
  });
});
