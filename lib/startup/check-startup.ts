import { getEnv, requireDatabaseUrl } from "../../env.ts";
import { assertAppRoleRespectsRls, RlsBypassError } from "../db/assert-app-role.ts";
import { getPool } from "../db/client.ts";

/** Stops the server on bad configuration before it serves a single request. */
export async function checkStartup(): Promise<void> {
  try {
    const env = getEnv(); // names every invalid variable
    requireDatabaseUrl(env);
    await assertAppRoleRespectsRls(getPool(), env.NODE_ENV);
  } catch (err) {
    if (err instanceof RlsBypassError || !(err as { code?: string }).code) {
      console.error(`\n${(err as Error).message}\n`);
      process.exit(1);
    }
    // A connection error: keep serving, /api/health reports 503 until the database is back.
    console.error(`Cannot reach the database (${(err as Error).message}).`);
  }
}
