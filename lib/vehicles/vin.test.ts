import { describe, expect, it } from "vitest";
import { hasSuspectVinCheckDigit, isValidVin, normaliseVin, vinCheckDigit } from "./vin.ts";

describe("VIN", () => {
  it("accepts 17 characters without I, O, Q", () => {
    expect(isValidVin("WVWZZZ1KZ6W000001")).toBe(true);
    expect(isValidVin("WVWZZZ1KZ6W00000")).toBe(false);
    expect(isValidVin("WVWZZZ1KZ6W00000O")).toBe(false);
    expect(normaliseVin(" wvwzzz1kz6w-000001 ")).toBe("WVWZZZ1KZ6W000001");
  });
  it("computes the North-American check digit from the reference vectors", () => {
    expect(vinCheckDigit("1M8GDM9AXKP042788")).toBe("X");
    expect(vinCheckDigit("1ZZAB12C8DE345678")).toBe("8");
    expect(vinCheckDigit("1FACP45E0LF192944")).toBe("X");
  });
  it("warns only for North-American VINs", () => {
    expect(hasSuspectVinCheckDigit("1M8GDM9AXKP042788")).toBe(false);
    expect(hasSuspectVinCheckDigit("1M8GDM9A1KP042788")).toBe(true);
    expect(hasSuspectVinCheckDigit("WVWZZZ1KZ6W000001")).toBe(false);
  });
});
