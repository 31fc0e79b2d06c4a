// npm run db:migrate — applies migrations to DATABASE_URL (as MIGRATION_DATABASE_URL) or to the embedded cluster.
import "./lib/load-env-files.ts";
import { getEnv } from "../env.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { ensureDatabase } from "./lib/postgres.ts";

const env = getEnv();
const db = await ensureDatabase({ cluster: "main", port: env.NORVALT_PG_PORT, database: "norvalt" });
try {
  await migrateDatabase(db.ownerUrl, db.appUrl);
} catch (err) {
  console.error(`Migration failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.stop();
}
