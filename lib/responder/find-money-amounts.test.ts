import { describe, expect, it } from "vitest";
import { findMoneyAmounts } from "./find-money-amounts.ts";

const amounts = (text: string) => findMoneyAmounts(text).map((m) => m.amount);

describe("findMoneyAmounts", () => {
  it.each<[string, number[]]>([
    // Every common rendering of 389 000 kroner.
    ["Prisen er 389 000 kr.", [389_000]],
    ["Prisen er 389\u00a0000\u00a0kr.", [389_000]],
    ["Prisen er 389\u202f000 kr.", [389_000]],
    ["Pris: 389.000,-", [389_000]],
    ["Pris: kr 389 000", [389_000]],
    ["Pris: Kr. 389 000,-", [389_000]],
    ["Pris kr. 389000", [389_000]],
    ["NOK 389,000", [389_000]],
    ["389000 kroner", [389_000]],
    ["389 000,00 kr", [389_000]],
    ["389 000.- inkl. omreg", [389_000]],
    ["den går for 389k", [389_000]],
    ["389 tusen", [389_000]],
    ["0,389 mill.", [389_000]],
    ["1,2 millioner kroner", [1_200_000]],
    // Grouped numbers and price words count without a currency.
    ["Bilen koster 389 000.", [389_000]],
    ["Koster 3990", [3990]],
    ["Vi kan gi deg 150 000 for den", [150_000]],
    // Foreign currencies and odd amounts are money too.
    ["about $30,000", [30_000]],
    ["€ 25 000", [25_000]],
    ["0 kr i etableringsgebyr", [0]],
    ["Fra 350–400 000 kr", [400_000]],
    ["Månedspris 3 990 kr/mnd", [3990]],
    ["Two prices: 389 000 kr and 349 000 kr", [389_000, 349_000]],
  ])("%j → %j", (text, expected) => {
    expect(amounts(text)).toEqual(expected);
  });

  it.each([
    "Den har gått 12 000 km.",
    "Kjørt 1 200 mil",
    "Bilen har bare gått 12 000 og er i god stand",
    "Batteri på 77 kWh og 299 hk",
    "Årsmodell 2022, registrert 2021",
    "Ring oss på 22 33 44 55 eller +47 915 12 345",
    "Tlf. 91512345",
    "Vi åpner i morgen fra kl. 08.00",
    "Åpent 09.00–17.00, lørdag 10:00-15:00",
    "Storgata 1, 0150 Oslo",
    "Strandkaien 5, 5003 Bergen",
    "Org.nr. 912 345 678 MVA",
    "Kontonummer 1234 56 78903",
    "Rente 3,9 % effektiv",
    "Levert 12.03.2025",
    "Se https://fjordbil.no/biler/389000",
    "Skriv til salg389000@fjordbil.no",
    "Det er nok 5 år siden",
    "Peugeot 3008 fra 2020",
    "ID.4 GTX",
  ])("no money in %j", (text) => {
    expect(amounts(text)).toEqual([]);
  });

  it("reports the amount as written", () => {
    expect(findMoneyAmounts("Pris: 389.000,- inkl.")[0]?.text).toBe("389.000,-");
  });
});
