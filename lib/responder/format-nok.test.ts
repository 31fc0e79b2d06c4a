import { describe, expect, it } from "vitest";
import { findMoneyAmounts } from "./find-money-amounts.ts";
import { formatNok, formatThousands } from "./format-nok.ts";

describe("formatNok", () => {
  it.each<[number, string]>([
    [389_000, "389 000 kr"],
    [1_250_000, "1 250 000 kr"],
    [999, "999 kr"],
    [0, "0 kr"],
    [429_900.4, "429 900 kr"],
  ])("%d → %j", (amount, expected) => {
    expect(formatNok(amount)).toBe(expected);
  });

  it("groups other numbers the same way", () => {
    expect(formatThousands(32_000)).toBe("32 000");
    expect(formatThousands(-1500)).toBe("-1 500");
  });

  it("is read back as the same amount by the guardrails", () => {
    for (const amount of [389_000, 1_250_000, 49_900]) {
      expect(findMoneyAmounts(`Prisen er ${formatNok(amount)}.`).map((m) => m.amount)).toEqual([amount]);
    }
  });
});
