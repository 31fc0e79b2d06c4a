import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  loadEncryptionKeys,
  needsResealing,
  parseEncryptionKey,
} from "./encrypt-secret.ts";

const keyText = () => randomBytes(32).toString("base64");
const keysOf = (current: string, previous?: string) =>
  loadEncryptionKeys({
    NODE_ENV: "production",
    APP_ENCRYPTION_KEY: current,
    APP_ENCRYPTION_KEYS_PREVIOUS: previous,
  });

describe("encryptSecret / decryptSecret (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time, and never contains the plain text", () => {
    const keys = keysOf(keyText());
    const a = encryptSecret("EAAB-page-token", "page:1001", keys);
    const b = encryptSecret("EAAB-page-token", "page:1001", keys);
    expect(a).not.toBe(b);
    expect(a).not.toContain("EAAB");
    expect(a).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(decryptSecret(a, "page:1001", keys)).toBe("EAAB-page-token");
  });

  it("refuses a value moved to another context, or tampered with", () => {
    const keys = keysOf(keyText());
    const sealed = encryptSecret("token", "page:1001", keys);
    expect(() => decryptSecret(sealed, "page:2002", keys)).toThrow();
    const parts = sealed.split(".");
    parts[4] = Buffer.from("forged").toString("base64url");
    expect(() => decryptSecret(parts.join("."), "page:1001", keys)).toThrow();
    expect(() => decryptSecret("not-sealed", "page:1001", keys)).toThrow(/not an encrypted value/);
  });

  it("opens values sealed with a previous key after rotation, and seals new ones with the current key", () => {
    const oldKey = keyText();
    const sealedBefore = encryptSecret("token", "ctx", keysOf(oldKey));
    const rotated = keysOf(keyText(), oldKey);
    expect(decryptSecret(sealedBefore, "ctx", rotated)).toBe("token");
    expect(needsResealing(sealedBefore, rotated)).toBe(true);
    const sealedAfter = encryptSecret("token", "ctx", rotated);
    expect(needsResealing(sealedAfter, rotated)).toBe(false);
    // Once the old key is dropped, the error names what is missing.
    expect(() => decryptSecret(sealedBefore, "ctx", keysOf(keyText()))).toThrow(
      /APP_ENCRYPTION_KEYS_PREVIOUS/,
    );
  });

  it("requires a 32-byte key in production and accepts base64 or hex", () => {
    expect(() => loadEncryptionKeys({ NODE_ENV: "production" })).toThrow(/APP_ENCRYPTION_KEY is not set/);
    expect(loadEncryptionKeys({ NODE_ENV: "development" })).toHaveLength(1);
    expect(parseEncryptionKey(randomBytes(32).toString("hex"))).toHaveLength(32);
    expect(() => parseEncryptionKey(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
