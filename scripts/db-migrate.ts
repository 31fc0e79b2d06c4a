// npm run db:migrate — applies migrations to DATABASE_URL (as MIGRATION_DATABASE_URL) or to the embedded cluster.
import { getLogger } from "../lib/log/logger.ts";
import "./lib/load-env-files.ts";
import { getEnv } from "../env.ts";
import { describeError } from "./lib/describe-error.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { ensureDatabase, type DatabaseHandle } from "./lib/postgres.ts";

let db: DatabaseHandle | undefined;
let exitCode = 0;
try {
  const env = getEnv();
  db = await ensureDatabase({ cluster: "main", port: env.NORVALT_PG_PORT, database: "norvalt" });
  await migrateDatabase(db.ownerUrl, db.appUrl);
} catch (err) {
  getLogger("migrate").error(`db:migrate failed: ${describeError(err)}`);
  exitCode = 1;
} finally {
  await db?.stop();
}
// Explicit exit: an idle pg pool or timer left open by a library must not keep a finished script alive.
process.exit(exitCode);
