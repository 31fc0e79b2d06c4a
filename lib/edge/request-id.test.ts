import { describe, expect, it } from "vitest";
import { readRequestId } from "./request-id.ts";

describe("readRequestId", () => {
  it("keeps a sane incoming id", () => {
    expect(readRequestId(new Headers({ "x-request-id": "lb-4f2a9c1e-77" }))).toBe("lb-4f2a9c1e-77");
  });
  it("replaces a missing, short or hostile one with a UUID", () => {
    for (const value of [undefined, "x", "a b c d e f g h", "<script>alert(1)</script>", "x".repeat(200)]) {
      const id = readRequestId(new Headers(value === undefined ? {} : { "x-request-id": value }));
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
