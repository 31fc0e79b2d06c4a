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
  if (process.env.NORVALT_SIGNING_SECRET) return process.env.NORVALT_SIGNING_SECRET;
  const file = join(dirname(clusterDir("main")), "signing-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** A secret for one throw-away run (tests, benchmarks). */
export const makeRunSigningSecret = () =>
  process.env.NORVALT_SIGNING_SECRET ?? randomBytes(48).toString("base64url");
