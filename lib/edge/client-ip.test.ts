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

describe("getClientIp with a list of proxy addresses", () => {
  const proxies = ["10.0.0.0/8", "2001:db8::1", "192.0.2.10"];
  it("skips our proxies from the right, however many hops, and takes the first other address", () => {
    expect(getClientIp(headers("203.0.113.7, 10.1.2.3"), proxies)).toBe("203.0.113.7");
    expect(getClientIp(headers("203.0.113.7, 192.0.2.10, 10.1.2.3"), proxies)).toBe("203.0.113.7");
    expect(getClientIp(headers("2001:db8::7, 2001:db8::1"), proxies)).toBe("2001:db8::7");
  });
  it("never believes what the client wrote to the left of the real client", () => {
    expect(getClientIp(headers("6.6.6.6, 203.0.113.7, 10.1.2.3"), proxies)).toBe("203.0.113.7");
  });
  it("gives null when every hop is ours, or a hop is malformed", () => {
    expect(getClientIp(headers("10.0.0.1, 10.0.0.2"), proxies)).toBeNull();
    expect(getClientIp(headers("bad, 10.0.0.2"), proxies)).toBeNull();
    expect(getClientIp(headers("1.2.3.4"), [])).toBeNull();
  });
});
