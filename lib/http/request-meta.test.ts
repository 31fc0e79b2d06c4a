import { describe, expect, it } from "vitest";
import { safeNextPath } from "./request-meta.ts";

describe("safeNextPath", () => {
  it("keeps same-site paths", () => {
    expect(safeNextPath("/leads?status=new")).toBe("/leads?status=new");
  });
  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "",
    undefined,
    42,
  ])("falls back for %s", (value) => expect(safeNextPath(value)).toBe("/leads"));
});
