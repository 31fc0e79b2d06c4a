import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readInventoryFile, suggestMapping } from "./read-inventory-file.ts";

const FIXTURES = new URL("../../tests/fixtures/inventory-csv", import.meta.url).pathname;
const read = (name: string) => readInventoryFile(readFileSync(`${FIXTURES}/${name}`));

describe("readInventoryFile", () => {
  it("reads UTF-8 with BOM and Windows-1252 to the same text", () => {
    const a = read("a-utf8-bom-semicolon-no.csv");
    const b = read("b-windows-1252-semicolon-no.csv");
    expect(a.headers[0]).toBe("Merke");
    expect(a.headers).toContain("Årsmodell");
    expect(b).toEqual(a);
    expect(a.records).toHaveLength(12);
    expect(a.records[10]!.values).toMatchObject({ Merke: "Citroën", Modell: "ë-C4", Farge: "Blå" });
    expect(a.records[0]!.line).toBe(2);
  });

  it("reads commas with quoted commas and newlines, numbering lines as the file does", () => {
    const c = read("c-comma-quoted-en.csv");
    expect(c.records).toHaveLength(12);
    expect(c.records[0]!.values.description).toContain("\nWinter wheels");
    expect(c.records[1]!.values.description).toBe('Heat pump, 20" wheels, matrix LED, "Max" package.');
    expect(c.records[0]!.line).toBe(2);
    expect(c.records[1]!.line).toBe(4);
  });

  it("reads the JSON feed and a simple XML feed", () => {
    const feed = read("feed.json");
    expect(feed.records).toHaveLength(12);
    expect(feed.records[0]!.values).toMatchObject({ stockNumber: "N-24001", priceNok: 319900 });
    const xml = readInventoryFile(
      Buffer.from(
        "<biler><bil><merke>Volvo</merke><modell>XC40</modell></bil><bil><merke>Kia</merke><modell>EV6</modell></bil></biler>",
      ),
    );
    expect(xml.records.map((r) => r.values.merke)).toEqual(["Volvo", "Kia"]);
  });

  it("maps Norwegian, English and camelCase headers", () => {
    expect(suggestMapping(read("d-broken-rows.csv").headers)).toMatchObject({
      Lagernr: "stock_number",
      Merke: "make",
      Årsmodell: "year",
      Regnr: "registration_number",
      Km: "mileage_km",
      Pris: "price_nok",
      Finnkode: "finn_code",
    });
    expect(suggestMapping(read("feed.json").headers)).toMatchObject({
      stockNumber: "stock_number",
      modelYear: "year",
      registration: "registration_number",
      mileageKm: "mileage_km",
      colour: "color",
    });
    expect(suggestMapping(["Merke", "Pris"], { Pris: "" })).toEqual({ Merke: "make", Pris: "" });
  });
});
