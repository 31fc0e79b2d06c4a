import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { normalizeInput, normalizeText, parseJsonSafely, storableDate } from "./clean-input.ts";

describe("normalizeText", () => {
  it("removes NUL and control characters but keeps newline and tab", () => {
    expect(normalizeText("Ola\u0000 Nord\u0007mann\u001b[31m\u007f\u0085")).toBe("Ola Nordmann[31m");
    expect(normalizeText("linje 1\nlinje\t2")).toBe("linje 1\nlinje\t2");
  });
  it("turns CR LF and a lone CR into LF", () => {
    expect(normalizeText("a\r\nb\rc")).toBe("a\nb\nc");
  });
  it("replaces a lone surrogate with U+FFFD and keeps a valid pair (emoji)", () => {
    expect(normalizeText("x\uD800y")).toBe("x\uFFFDy");
    expect(normalizeText("x\uDC00")).toBe("x\uFFFD");
    expect(normalizeText("bil 🚗")).toBe("bil 🚗");
  });
  it("composes to NFC and keeps RTL text as it is", () => {
    const decomposed = "Bjo\u0308rn a\u030a";
    expect(normalizeText(decomposed)).toBe("Björn å");
    expect(normalizeText(decomposed).length).toBe(7);
    expect(normalizeText("مرحبا")).toBe("مرحبا");
  });
  it("leaves printable ASCII as the same string", () => {
    const s = "Ola Nordmann <ola@example.no>";
    expect(normalizeText(s)).toBe(s);
  });
});

describe("normalizeInput", () => {
  it("cleans keys and values at every level and leaves Buffers and Dates alone", () => {
    const buffer = Buffer.from([0, 1, 2]);
    const date = new Date("2026-01-01T00:00:00Z");
    const out = normalizeInput({ "na\u0000me": "O\u0000la", list: ["a\u0000"], nested: { buffer, date } });
    expect(out).toEqual({ name: "Ola", list: ["a"], nested: { buffer, date } });
    expect(out.nested.buffer).toBe(buffer);
  });
  it("refuses a body nested deeper than 32 levels with a 400", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 5_000; i++) deep = { a: deep };
    expect(() => normalizeInput(deep)).toThrow(AppError);
    const thrown = (() => {
      try {
        normalizeInput({ name: JSON.parse("[".repeat(5_000) + "]".repeat(5_000)) });
      } catch (err) {
        return err;
      }
    })();
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).status).toBe(400);
    let ok: unknown = "x";
    for (let i = 0; i < 31; i++) ok = { a: ok };
    expect(() => normalizeInput(ok)).not.toThrow();
  });
  it("refuses more than 5,000 keys and items in all", () => {
    expect(() => normalizeInput({ a: Array.from({ length: 5_001 }, () => 1) })).toThrow(/more than 5000/);
  });
  it("keeps a __proto__ key a key, never the prototype", () => {
    const out = normalizeInput(JSON.parse('{"__proto__": {"admin": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe("parseJsonSafely", () => {
  it("parses, cleans and refuses malformed or deep JSON with a 400", () => {
    expect(parseJsonSafely('{"a":"b\\u0000c"}')).toEqual({ a: "bc" });
    expect(() => parseJsonSafely("{")).toThrow(/not valid JSON/);
    expect(() => parseJsonSafely("[".repeat(20_000) + "]".repeat(20_000))).toThrow(/nested deeper/);
  });
});

describe("storableDate", () => {
  it("keeps years 1–9999 and drops invalid or far dates", () => {
    expect(storableDate(new Date("2026-05-01"))).toEqual(new Date("2026-05-01"));
    expect(storableDate(new Date(8.64e15))).toBeNull();
    expect(storableDate(new Date("nope"))).toBeNull();
    expect(storableDate(null)).toBeNull();
  });
});
