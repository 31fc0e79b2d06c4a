import { describe, expect, it } from "vitest";
import {
  formatRegistrationNumber,
  isValidRegistrationNumber,
  normaliseRegistrationNumber,
} from "./registration-number.ts";

describe("registration number", () => {
  it("normalises case, spaces (incl. no-break) and hyphens", () => {
    expect(normaliseRegistrationNumber("ee 41237")).toBe("EE41237");
    expect(normaliseRegistrationNumber("EL-12\u00a0345")).toBe("EL12345");
    expect(normaliseRegistrationNumber("  ")).toBeNull();
  });
  it("validates the standard and personalised formats", () => {
    expect(isValidRegistrationNumber("EE41237")).toBe(true);
    expect(isValidRegistrationNumber("AB1234")).toBe(true);
    expect(isValidRegistrationNumber("ROLF")).toBe(true);
    expect(isValidRegistrationNumber("1234567")).toBe(false);
    expect(isValidRegistrationNumber("AB12<3")).toBe(false);
    expect(isValidRegistrationNumber("ABCDEFGH")).toBe(false);
  });
  it("formats for display", () => {
    expect(formatRegistrationNumber("EE41237")).toBe("EE 41237");
    expect(formatRegistrationNumber("ROLF")).toBe("ROLF");
  });
});
