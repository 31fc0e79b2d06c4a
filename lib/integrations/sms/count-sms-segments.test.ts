import { describe, expect, it } from "vitest";
import { countSmsSegments } from "./count-sms-segments.ts";

describe("countSmsSegments", () => {
  it.each([
    ["", 1, "GSM-7"],
    ["a".repeat(160), 1, "GSM-7"],
    ["a".repeat(161), 2, "GSM-7"],
    ["a".repeat(306), 2, "GSM-7"],
    ["a".repeat(307), 3, "GSM-7"],
    // Norwegian letters are GSM-7 basic characters: still 160 per part.
    ["Blåbærsyltetøy på Ørsta og Ålesund, Æ".padEnd(160, "æ"), 1, "GSM-7"],
    // € and [ ] cost two septets each.
    ["€".repeat(80), 1, "GSM-7"],
    ["€".repeat(81), 2, "GSM-7"],
    // One character outside GSM-7 makes the whole message UCS-2.
    ["ð" + "a".repeat(69), 1, "UCS-2"],
    ["ð" + "a".repeat(70), 2, "UCS-2"],
    ["Hei 👋 ".repeat(20), 3, "UCS-2"],
  ])("%j → %i part(s) %s", (body, segments, encoding) => {
    expect(countSmsSegments(body)).toEqual({ segments, encoding });
  });

  it("never splits an escaped GSM-7 character across two parts", () => {
    // 152 septets, then € (2): it does not fit in the first 153-septet part and starts the second.
    expect(countSmsSegments("a".repeat(152) + "€" + "a".repeat(152)).segments).toBe(3);
    expect(countSmsSegments("a".repeat(151) + "€" + "a".repeat(152)).segments).toBe(2);
  });
});
