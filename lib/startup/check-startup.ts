import { getEnv, requireDatabaseUrl } from "../../env.ts";
import { assertAppRoleRespectsRls, RlsBypassError } from "../db/assert-app-role.ts";
import { getPool } from "../db/client.ts";
import { getSigningSecret } from "../security/sign-token.ts";
import { getLogger } from "../log/logger.ts";

/** Stops the server on bad configuration before it serves a single request. */
export async function checkStartup(): Promise<void> {
  assertNodeVersion();
  try {
    const env = getEnv(); // names every invalid variable
    requireDatabaseUrl(env);
    getSigningSecret(env); // production without NORVALT_SIGNING_SECRET: stop now, not at the first e-mail

    await assertAppRoleRespectsRls(getPool(), env.NODE_ENV);
  } catch (err) {
    if (err instanceof RlsBypassError || !(err as { code?: string }).code) {
      getLogger("startup").error(`\n${(err as Error).message}\n`);
      process.exit(1);
    }
    // Production must not serve before the role check has passed; an orchestrator restarts us until the
    // database answers. In development keep serving: /api/health reports 503 until it is back.
    getLogger("startup").error(`Cannot reach the database (${(err as Error).message}).`);
    if (process.env.NODE_ENV === "production") process.exit(1);
  }
}

/** The code needs Node 24 (type stripping of .ts, import.meta.main): an older runtime stops here with the reason. */
export function assertNodeVersion(version = process.versions.node): void {
  const major = Number(version.split(".")[0]);
  if (major >= 24) return;
  getLogger("startup").fatal(
    `Norvalt needs Node.js 24 or newer; this is ${version}. The image uses node:24-slim.`,
  );
  process.exit(1);
}
