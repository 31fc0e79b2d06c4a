import { describe, expect, it } from "vitest";
import { getClientIp } from "./client-ip.ts";

const headers = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

describe("getClientIp", () => {
  it("ignores X-Forwarded-For unless proxies are trusted", () => {
    expect(getClientIp(headers("203.0.113.7"), 0)).toBeNull();
  });
  it("takes the address our own proxy appended, not what the client claimed", () => {
    expect(getClientIp(headers("1.2.3.4, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(getClientIp(headers("1.2.3.4, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
  });
  it("gives null for missing, too short or malformed chains", () => {
    expect(getClientIp(headers(), 1)).toBeNull();
    expect(getClientIp(headers("203.0.113.7"), 2)).toBeNull();
    expect(getClientIp(headers("<script>"), 1)).toBeNull();
  });
});
