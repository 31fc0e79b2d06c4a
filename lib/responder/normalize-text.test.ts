import { describe, expect, it } from "vitest";
import { foldText, isNearWord, joinedNgrams, splitSentences, tokenize } from "./normalize-text.ts";

describe("foldText / tokenize / joinedNgrams", () => {
  it("spells Norwegian letters in ASCII and drops diacritics", () => {
    expect(foldText("Prøvekjøring på Škoda Æ–Å")).toBe("provekjoring pa skoda ae-a");
    expect(tokenize("VW ID.4 e-tron")).toEqual(["vw", "id", "4", "e", "tron"]);
  });

  it("glues consecutive tokens so every spelling of a model name meets", () => {
    const grams = joinedNgrams(tokenize("Volkswagen ID. 4 GTX"));
    expect(grams.has("id4")).toBe(true);
    expect(grams.has("volkswagenid4gtx")).toBe(true);
  });
});

describe("isNearWord", () => {
  it.each<[string, string, boolean]>([
    ["provekjorng", "provekjoring", true],
    ["provekjoringen", "provekjoring", true],
    ["finansering", "finansiering", true],
    ["tilgjengleig", "tilgjengelig", true],
    ["betaling", "avbetaling", false],
    ["prosjekt", "provekjoring", false],
  ])("%s ≈ %s → %s", (word, keyword, expected) => {
    expect(isNearWord(word, keyword)).toBe(expected);
  });
});

describe("splitSentences", () => {
  it("splits at sentence ends and line breaks, not after abbreviations", () => {
    expect(splitSentences("Hei Kari!\n\nBilen er ledig. Vi ringer i morgen fra kl. 08.00. Ok?")).toEqual([
      "Hei Kari!",
      "Bilen er ledig.",
      "Vi ringer i morgen fra kl. 08.00.",
      "Ok?",
    ]);
    expect(splitSentences("Pris kr. 389 000, ca. 32 000 km")).toHaveLength(1);
  });
});
