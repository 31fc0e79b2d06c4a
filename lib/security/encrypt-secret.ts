import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { getEnv, type Env } from "../../env.ts";

/**
 * AES-256-GCM for secrets we must store and use again (Meta Page access tokens). Stored as
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts); keyId is the first 8 hex characters of the key's
 * SHA-256, so a value names the key that sealed it. Key rotation: put the new key in APP_ENCRYPTION_KEY and the
 * old one in APP_ENCRYPTION_KEYS_PREVIOUS (comma-separated); values sealed with either still open, new ones are
 * sealed with the new key, and `npm run secrets:rotate` re-seals every stored value so the old key can go.
 * The additional data binds a value to its use (e.g. the Page id), so a token copied onto another row fails.
 */

const VERSION = "v1";
const IV_BYTES = 12;

// Public, so worthless as a secret: it only lets `npm run dev` and the tests work without configuration.
// Production refuses to start sealing without APP_ENCRYPTION_KEY.
const DEV_KEY = createHash("sha256").update("norvalt-dev-encryption-key-not-for-production").digest();

type Key = { id: string; bytes: Buffer };

export class EncryptionKeyError extends Error {}

/** 32 bytes as base64 (44 characters) or hex (64 characters). */
export function parseEncryptionKey(text: string): Buffer {
  const value = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (bytes.length !== 32)
    throw new EncryptionKeyError(
      "APP_ENCRYPTION_KEY must be 32 bytes, base64 or hex (e.g. `openssl rand -base64 32`)",
    );
  return bytes;
}

const keyIdOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex").slice(0, 8);

type KeyEnv = Pick<Env, "NODE_ENV" | "APP_ENCRYPTION_KEY" | "APP_ENCRYPTION_KEYS_PREVIOUS">;

/** The current key first, then the previous ones. */
export function loadEncryptionKeys(env: KeyEnv = getEnv()): Key[] {
  if (!env.APP_ENCRYPTION_KEY) {
    if (env.NODE_ENV === "production")
      throw new EncryptionKeyError(
        "APP_ENCRYPTION_KEY is not set. It encrypts stored Meta Page tokens; set 32 random bytes (`openssl rand -base64 32`).",
      );
    return [{ id: keyIdOf(DEV_KEY), bytes: DEV_KEY }];
  }
  const previous = (env.APP_ENCRYPTION_KEYS_PREVIOUS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  return [env.APP_ENCRYPTION_KEY, ...previous].map((text) => {
    const bytes = parseEncryptionKey(text);
    return { id: keyIdOf(bytes), bytes };
  });
}

export function encryptSecret(plain: string, context: string, keys = loadEncryptionKeys()): string {
  const key = keys[0]!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, key.id, iv, cipher.getAuthTag(), sealed]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** Throws when the value is malformed, was sealed for another context, or its key is not configured. */
export function decryptSecret(stored: string, context: string, keys = loadEncryptionKeys()): string {
  const [version, keyId, iv, tag, sealed, ...rest] = stored.split(".");
  if (version !== VERSION || !keyId || !iv || !tag || sealed === undefined || rest.length)
    throw new EncryptionKeyError("not an encrypted value");
  const key = keys.find((k) => k.id === keyId);
  if (!key)
    throw new EncryptionKeyError(
      `sealed with key ${keyId}, which is neither APP_ENCRYPTION_KEY nor in APP_ENCRYPTION_KEYS_PREVIOUS`,
    );
  const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"), {
    // Only full 16-byte tags: a truncated tag would make forgeries cheaper (GCM accepts 4–16 bytes otherwise).
    authTagLength: 16,
  });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString(
    "utf8",
  );
}

/** True when the value was sealed with another key than the current one (`secrets:rotate` re-seals it). */
export function needsResealing(stored: string, keys = loadEncryptionKeys()): boolean {
  return stored.split(".")[1] !== keys[0]!.id;
}
