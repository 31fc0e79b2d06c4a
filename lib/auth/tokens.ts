import { createHash, randomBytes } from "node:crypto";

/** 256-bit random token for cookies and e-mailed links. Only its hash is stored. */
export function generateToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** API keys: `nv_` + 43 url-safe characters. The prefix tells users (and secret scanners) what it is. */
export const API_KEY_PREFIX = "nv_";
export function generateApiKey(): string {
  return generateToken(API_KEY_PREFIX);
}
