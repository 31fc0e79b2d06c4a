import { describe, expect, it } from "vitest";
import { PHONE_CODE_MAX_ATTEMPTS, checkPhoneCode, generatePhoneCode, hashPhoneCode } from "./phone-code.ts";

const USER = "7d3f8a4e-2b1c-4d5e-9f60-1a2b3c4d5e6f";
const open = (code: string, extra: Partial<Parameters<typeof checkPhoneCode>[0]> = {}) => ({
  userId: USER,
  phone: "+4791234567",
  codeHash: hashPhoneCode(code, USER, "+4791234567"),
  attempts: 0,
  expiresAt: new Date("2026-06-01T12:10:00Z"),
  ...extra,
});
const now = new Date("2026-06-01T12:05:00Z");

describe("phone codes", () => {
  it("are six digits, leading zeros kept", () => {
    for (let i = 0; i < 200; i++) expect(generatePhoneCode()).toMatch(/^\d{6}$/);
  });

  it("hash differently per user and per number, and never contain the code", () => {
    const hash = hashPhoneCode("123456", USER, "+4791234567");
    expect(hash).not.toContain("123456");
    expect(hashPhoneCode("123456", USER, "+4791234568")).not.toBe(hash);
    expect(hashPhoneCode("123456", "another-user", "+4791234567")).not.toBe(hash);
  });

  it("judges right, wrong, expired and too many tries", () => {
    expect(checkPhoneCode(open("123456"), "123456", now)).toBe("ok");
    expect(checkPhoneCode(open("123456"), "123457", now)).toBe("wrong");
    expect(checkPhoneCode(open("123456"), "123456", new Date("2026-06-01T12:10:00Z"))).toBe("expired");
    expect(checkPhoneCode(open("123456", { attempts: PHONE_CODE_MAX_ATTEMPTS }), "123456", now)).toBe(
      "too_many_attempts",
    );
    expect(checkPhoneCode(open("123456", { attempts: PHONE_CODE_MAX_ATTEMPTS - 1 }), "123456", now)).toBe(
      "ok",
    );
  });
});
