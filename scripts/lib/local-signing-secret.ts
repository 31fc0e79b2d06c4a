import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { clusterDir } from "./postgres.ts";

/**
 * NORVALT_SIGNING_SECRET for a local production-mode run (`npm run demo`): the configured one, else one made
 * on first use and kept next to the local database, so unsubscribe links in the outbox keep working across
 * restarts. Never used when the variable is set (real deployments must set it).
 */
export function ensureLocalSigningSecret(): string {
  return (
    process.env.NORVALT_SIGNING_SECRET ??
    ensureLocalSecretFile("signing-secret", () => randomBytes(48).toString("base64url"))
  );
}

/**
 * APP_ENCRYPTION_KEY for a local production-mode run, the same way: Page tokens sealed in the local database
 * must still open after a restart. Never used when the variable is set.
 */
export function ensureLocalEncryptionKey(): string {
  return (
    process.env.APP_ENCRYPTION_KEY ??
    ensureLocalSecretFile("encryption-key", () => randomBytes(32).toString("base64"))
  );
}

function ensureLocalSecretFile(name: string, make: () => string): string {
  const file = join(dirname(clusterDir("main")), name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = make();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** A secret for one throw-away run (tests, benchmarks). */
export const makeRunSigningSecret = () =>
  process.env.NORVALT_SIGNING_SECRET ?? randomBytes(48).toString("base64url");
