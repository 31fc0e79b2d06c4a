import { describe, expect, it } from "vitest";
import { generateFormKey, slugify } from "./generate-form-key.ts";

describe("slugify", () => {
  it.each([
    ["Fjordbil AS", "fjordbil-as"],
    ["Bøen & Sønner Bil", "boen-sonner-bil"],
    ["Ålesund Bilsenter", "alesund-bilsenter"],
    ["Ærlig Bruktbil", "aerlig-bruktbil"],
    ["  ---  ", "forhandler"],
  ])("%s → %s", (name, slug) => expect(slugify(name)).toBe(slug));
});

describe("generateFormKey", () => {
  it("is URL-safe, valid as a form key and different every time", () => {
    const keys = new Set(Array.from({ length: 50 }, generateFormKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9-]{6,64}$/);
  });
});
