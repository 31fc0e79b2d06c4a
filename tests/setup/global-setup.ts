import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../scripts/lib/migrate.ts";
import { ensureDatabase, type DatabaseHandle } from "../../scripts/lib/postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    ownerDatabaseUrl: string;
  }
}

let db: DatabaseHandle | undefined;

/** A real Postgres for every integration test: DATABASE_URL when set (npm test sets it), else a fresh embedded cluster. */
export async function setup(project: TestProject) {
  db = await ensureDatabase({
    cluster: "test",
    port: Number(process.env.NORVALT_TEST_PG_PORT ?? 0),
    database: "norvalt_test",
    ephemeral: true,
    log: () => {},
  });
  await migrateDatabase(db.ownerUrl, db.appUrl, () => {});
  project.provide("databaseUrl", db.appUrl);
  project.provide("ownerDatabaseUrl", db.ownerUrl);
}

export async function teardown() {
  await db?.stop();
}
