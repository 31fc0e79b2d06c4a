import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../scripts/lib/migrate.ts";
import { ensureDatabase, type DatabaseHandle } from "../../scripts/lib/postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    ownerDatabaseUrl: string;
    /** A database of its own for tests that run whole worker processes; null when none can be made. */
    workerDatabaseUrl: string | null;
    workerOwnerDatabaseUrl: string | null;
  }
}

let db: DatabaseHandle | undefined;
const WORKER_TEST_DATABASE = "norvalt_worker_test";

/** A real Postgres for every integration test: DATABASE_URL when set (npm test sets it), else a fresh embedded cluster. */
export async function setup(project: TestProject) {
  db = await ensureDatabase({
    cluster: "test",
    port: Number(process.env.NORVALT_TEST_PG_PORT ?? 0),
    database: "norvalt_test",
    extraDatabases: [WORKER_TEST_DATABASE],
    ephemeral: true,
    log: () => {},
  });
  await migrateDatabase(db.ownerUrl, db.appUrl, () => {});
  project.provide("databaseUrl", db.appUrl);
  project.provide("ownerDatabaseUrl", db.ownerUrl);
  // npm test made and migrated it already (it passes DATABASE_URL, so ensureDatabase above is external).
  let worker = process.env.NORVALT_TEST_WORKER_DATABASE_URL
    ? {
        appUrl: process.env.NORVALT_TEST_WORKER_DATABASE_URL,
        ownerUrl: process.env.NORVALT_TEST_WORKER_MIGRATION_URL!,
      }
    : db.urlsFor(WORKER_TEST_DATABASE);
  if (worker.appUrl === db.appUrl) worker = { appUrl: "", ownerUrl: "" };
  else if (!process.env.NORVALT_TEST_WORKER_DATABASE_URL)
    await migrateDatabase(worker.ownerUrl, worker.appUrl, () => {});
  project.provide("workerDatabaseUrl", worker.appUrl || null);
  project.provide("workerOwnerDatabaseUrl", worker.ownerUrl || null);
}

export async function teardown() {
  await db?.stop();
}
