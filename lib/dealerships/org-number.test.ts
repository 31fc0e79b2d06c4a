import { describe, expect, it } from "vitest";
import { formatOrgNumber, isValidOrgNumber, orgNumberCheckDigit } from "./org-number.ts";

describe("organisation number (MOD11)", () => {
  it.each([
    ["974760673", "Brønnøysundregistrene"],
    ["974761467", "Datatilsynet"],
    ["974761335", "Forbrukertilsynet"],
    ["958935420", "Oslo kommune (remainder 0 → check digit 0)"],
    ["971032081", "Statens vegvesen (remainder 10 → check digit 1)"],
    ["123456785", "Brreg's worked example"],
  ])("accepts %s (%s)", (value) => {
    expect(isValidOrgNumber(value)).toBe(true);
  });

  it("computes Brreg's worked example: 12345678 → 5", () => {
    expect(orgNumberCheckDigit("12345678")).toBe(5);
  });

  it("accepts spaces and the usual separators on input", () => {
    expect(isValidOrgNumber("974 760 673")).toBe(true);
    expect(isValidOrgNumber(" 974-760-673 ")).toBe(true);
  });

  it.each([
    ["974760674", "wrong check digit"],
    ["12345678", "8 digits"],
    ["9747606730", "10 digits"],
    ["97476067a", "a letter"],
    ["", "empty"],
    ["٩٧٤٧٦٠٦٧٣", "Arabic-Indic digits"],
  ])("rejects %s (%s)", (value) => {
    expect(isValidOrgNumber(value)).toBe(false);
  });

  it("rejects every number whose first eight digits give remainder 1 (no check digit exists)", () => {
    let firstEight = "";
    for (let n = 10_000_000; n < 10_001_000; n++) {
      if (orgNumberCheckDigit(String(n)) === null) {
        firstEight = String(n);
        break;
      }
    }
    expect(firstEight).not.toBe("");
    for (let d = 0; d <= 9; d++) expect(isValidOrgNumber(`${firstEight}${d}`)).toBe(false);
  });

  it("formats as three groups of three", () => {
    expect(formatOrgNumber("974760673")).toBe("974 760 673");
  });
});
