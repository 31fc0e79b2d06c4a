import { describe, expect, it } from "vitest";
import {
  readBodyType,
  readDrivetrain,
  readFuel,
  readStatus,
  readWholeNumber,
} from "./parse-vehicle-values.ts";

describe("readWholeNumber", () => {
  it("reads Norwegian price and mileage notations", () => {
    expect(readWholeNumber("349 900,-")).toEqual({ value: 349_900 });
    expect(readWholeNumber("349\u00a0900,00")).toEqual({ value: 349_900 });
    expect(readWholeNumber("112\u00a0500")).toEqual({ value: 112_500 });
    expect(readWholeNumber("1\u202f234,50")).toEqual({ value: 1235 });
    expect(readWholeNumber("349.900")).toEqual({ value: 349_900 });
    expect(readWholeNumber("kr 199 000")).toEqual({ value: 199_000 });
    expect(readWholeNumber("ca 45 000")).toEqual({ value: 45_000, approximate: true });
    expect(readWholeNumber(58300)).toEqual({ value: 58_300 });
  });
  it("refuses negatives and words", () => {
    expect(readWholeNumber("-139900")).toEqual({ error: "negative" });
    expect(readWholeNumber(-5)).toEqual({ error: "negative" });
    expect(readWholeNumber("mange")).toEqual({ error: "not_a_number" });
    expect(readWholeNumber("12abc")).toEqual({ error: "not_a_number" });
  });
});

describe("attribute words", () => {
  it("maps the Norwegian and English words of the fixtures", () => {
    expect(readFuel("Elektrisitet")).toBe("electric");
    expect(readFuel("plug-in hybrid")).toBe("plug_in_hybrid");
    expect(readFuel("Ladbar hybrid")).toBe("plug_in_hybrid");
    expect(readFuel("Bensin")).toBe("petrol");
    expect(readDrivetrain("Firehjulsdrift")).toBe("awd");
    expect(readDrivetrain("4x4")).toBe("awd");
    expect(readBodyType("SUV/Offroad")).toBe("suv");
    expect(readBodyType("Kombi 5-dørs")).toBe("hatchback");
    expect(readBodyType("estate")).toBe("station_wagon");
    expect(readStatus("Til salgs")).toBe("available");
    expect(readStatus("Reservert")).toBe("reserved");
    expect(readStatus("Solgt")).toBe("sold");
    expect(readFuel("rakettdrivstoff")).toBeUndefined();
  });
});
