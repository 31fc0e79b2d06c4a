import { describe, expect, it } from "vitest";
import { safeNextPath } from "./request-meta.ts";

describe("safeNextPath", () => {
  it("keeps same-site paths", () => {
    expect(safeNextPath("/leads?status=new")).toBe("/leads?status=new");
    expect(safeNextPath("/settings/team#invite")).toBe("/settings/team#invite");
    // Still encoded, this is a path on our site, not a tab the browser would drop.
    expect(safeNextPath("/%09/evil.example")).toBe("/%09/evil.example");
  });
  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "",
    undefined,
    42,
  ])("falls back for %j", (value) => expect(safeNextPath(value)).toBe("/leads"));
});
