import { describe, expect, it } from "vitest";
import { sniffImageType } from "./sniff-image-type.ts";

describe("sniffImageType", () => {
  it("knows PNG and JPEG by their first bytes", () => {
    expect(sniffImageType(Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"))).toBe("image/png");
    expect(sniffImageType(Buffer.from("ffd8ffe000104a464946", "hex"))).toBe("image/jpeg");
  });

  it.each([
    ["an SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ["a GIF", Buffer.from("GIF89a")],
    ["text named logo.png", Buffer.from("not an image at all")],
    ["an empty file", Buffer.alloc(0)],
    ["a truncated PNG signature", Buffer.from("89504e47", "hex")],
  ])("refuses %s", (_label, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });
});
