import { describe, expect, it } from "vitest";
import { prefixUpperBound, searchPrefixesOf } from "./search-prefixes.ts";

describe("searchPrefixesOf", () => {
  it.each([
    ["Ola Nordmann", ["ola", "nordmann"]],
    ["  ØYVIND   Ødegård-Ås ", ["øyvind", "ødegård", "ås"]],
    ["ola.nordmann@example.no", ["ola", "nordmann", "example", "no"]],
    ["sokbar-abc", ["sokbar", "abc"]],
    ["933 44 556", ["93344556"]],
    ["+47 933 44 556", ["4793344556"]],
    ["100%_", ["100"]],
    ["ola ola", ["ola"]],
    ["%%%", []],
  ])("%s → %j", (query, prefixes) => expect(searchPrefixesOf(query)).toEqual(prefixes));

  it("keeps at most five words", () => expect(searchPrefixesOf("a b c d e f g")).toHaveLength(5));
});

describe("prefixUpperBound", () => {
  it("sorts after every continuation of the prefix in byte order", () => {
    const bound = Buffer.from(prefixUpperBound("sør"));
    for (const s of ["sør", "sørensen", "sørø", "sør\u{FFFF}"])
      expect(Buffer.compare(Buffer.from(s), bound)).toBe(-1);
    expect(Buffer.compare(Buffer.from("søs"), bound)).toBe(1);
  });
});
