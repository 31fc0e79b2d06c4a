import { getEnv, requireDatabaseUrl } from "../../env.ts";
import { assertAppRoleRespectsRls, RlsBypassError } from "../db/assert-app-role.ts";
import { getPool } from "../db/client.ts";
import { getSigningSecret } from "../security/sign-token.ts";
import { getLogger } from "../log/logger.ts";

/** Stops the server on bad configuration before it serves a single request. */
export async function checkStartup(): Promise<void> {
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
