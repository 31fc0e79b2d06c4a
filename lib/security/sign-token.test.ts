import { describe, expect, it } from "vitest";
import { computeMac, getSigningSecret, macEquals, signToken, verifyToken } from "./sign-token.ts";

describe("signToken / verifyToken", () => {
  it("round-trips the payload, including non-ASCII text", () => {
    const token = signToken("test", "kari.nordmann@eksempel.no|æøå");
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyToken("test", token)).toBe("kari.nordmann@eksempel.no|æøå");
  });

  it("rejects a token signed for another purpose", () => {
    const token = signToken("unsubscribe", "payload");
    expect(verifyToken("unsubscribe", token)).toBe("payload");
    expect(verifyToken("password-reset", token)).toBeNull();
  });

  it("rejects tampered payloads and signatures", () => {
    const token = signToken("test", "dealership-a");
    const [body, mac] = token.split(".") as [string, string];
    const otherBody = Buffer.from("dealership-b").toString("base64url");
    expect(verifyToken("test", `${otherBody}.${mac}`)).toBeNull();
    const flipped = mac.slice(0, 10) + (mac[10] === "A" ? "B" : "A") + mac.slice(11);
    expect(verifyToken("test", `${body}.${flipped}`)).toBeNull();
    expect(verifyToken("test", `${body}.${mac.slice(0, -1)}`)).toBeNull();
    expect(verifyToken("test", `${body}.${mac}x`)).toBeNull();
  });

  it.each(["", ".", "a", "a.b.c.d", "ü.abc", "x".repeat(5000)])("rejects the malformed token %j", (token) => {
    expect(verifyToken("test", token)).toBeNull();
  });

  it("honours an expiry and cannot be extended by editing it", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const token = signToken("test", "p", { expiresInSeconds: 60, now });
    expect(verifyToken("test", token, { now: new Date(now.getTime() + 59_000) })).toBe("p");
    expect(verifyToken("test", token, { now: new Date(now.getTime() + 60_000) })).toBeNull();
    const [body, expiry, mac] = token.split(".") as [string, string, string];
    const later = String(Number(expiry) + 3600);
    expect(
      verifyToken("test", `${body}.${later}.${mac}`, { now: new Date(now.getTime() + 120_000) }),
    ).toBeNull();
    // Dropping the expiry does not turn it into a token that never expires.
    expect(verifyToken("test", `${body}.${mac}`)).toBeNull();
  });

  it("depends on the secret", () => {
    const a = computeMac("test", "m", "a".repeat(32));
    const b = computeMac("test", "m", "b".repeat(32));
    expect(macEquals(a, b)).toBe(false);
    expect(macEquals(a, computeMac("test", "m", "a".repeat(32)))).toBe(true);
    expect(macEquals(a, a.subarray(0, 10))).toBe(false);
  });

  it("rejects purposes that could blur the key separation", () => {
    expect(() => computeMac("Unsubscribe:x", "m")).toThrow();
  });
});

describe("getSigningSecret", () => {
  it("uses the configured secret", () => {
    const secret = "s".repeat(40);
    expect(getSigningSecret({ NODE_ENV: "production", NORVALT_SIGNING_SECRET: secret })).toBe(secret);
  });
  it("falls back to the dev secret outside production", () => {
    expect(getSigningSecret({ NODE_ENV: "test", NORVALT_SIGNING_SECRET: undefined })).toMatch(/dev/);
  });
  it("refuses to run without a secret in production", () => {
    expect(() => getSigningSecret({ NODE_ENV: "production", NORVALT_SIGNING_SECRET: undefined })).toThrow(
      /NORVALT_SIGNING_SECRET/,
    );
  });
});
