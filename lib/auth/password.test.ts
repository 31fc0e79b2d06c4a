import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";

describe("scrypt password hashing", () => {
  it("verifies the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("riktig hest batteri stift");
    const b = await hashPassword("riktig hest batteri stift");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(await verifyPassword("riktig hest batteri stift", a)).toBe(true);
    expect(await verifyPassword("riktig hest batteri stifT", a)).toBe(false);
  });

  it("normalises Unicode so the same password typed on another keyboard still matches", async () => {
    const composed = "blåbærsyltetøy-\u00e5"; // å as one code point
    const decomposed = "blåbærsyltetøy-a\u030a"; // a + combining ring
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it("rejects malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("x", "")).toBe(false);
  });
});
