import { describe, expect, it } from "vitest";
import { cleanText, formatPhoneForDisplay, normaliseEmail, normalisePhone } from "./normalise-contact.ts";

describe("normalisePhone", () => {
  it.each([
    ["912 34 567", "+4791234567"],
    ["+47 912 34 567", "+4791234567"],
    ["0047 91234567", "+4791234567"],
    ["22 33 44 55", "+4722334455"],
    ["+46 70 123 45 67", "+46701234567"],
  ])("%s → %s", (input, e164) => expect(normalisePhone(input)).toBe(e164));

  it.each(["", "   ", "123", "not a phone", null, undefined])("rejects %s", (input) =>
    expect(normalisePhone(input)).toBeNull(),
  );
});

describe("normaliseEmail and cleanText", () => {
  it("lower-cases and trims e-mail", () =>
    expect(normaliseEmail("  Ola.Nordmann@Example.NO ")).toBe("ola.nordmann@example.no"));
  it("collapses whitespace and caps length", () => {
    expect(cleanText("  Hei,\n\n  er bilen   ledig? ", 100)).toBe("Hei, er bilen ledig?");
    expect(cleanText("abcdef", 3)).toBe("abc");
    expect(cleanText("   ", 10)).toBeNull();
  });
});

describe("formatPhoneForDisplay", () => {
  it.each([
    ["+4722334455", "22 33 44 55"],
    ["22334455", "22 33 44 55"],
    ["+47 912 34 567", "91 23 45 67"],
    ["+46812345678", "+46 8 123 456 78"],
    ["ring resepsjonen", "ring resepsjonen"],
  ])("%s → %s", (input, expected) => {
    expect(formatPhoneForDisplay(input)).toBe(expected);
  });
});
