import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../scripts/lib/migrate.ts";
import { ensureDatabase, type DatabaseHandle } from "../../scripts/lib/postgres.ts";
import {
  OWN_DATABASE_FILES,
  OWN_DATABASES_ENV,
  ownDatabaseName,
  type DatabaseUrls,
} from "./own-databases.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    ownerDatabaseUrl: string;
    /** Databases of their own for the files that run a job worker (tests/setup/own-databases.ts), by file name. */
    ownDatabases: Record<string, DatabaseUrls>;
  }
}

let db: DatabaseHandle | undefined;

/** A real Postgres for every integration test: DATABASE_URL when set (npm test sets it), else a fresh embedded cluster. */
export async function setup(project: TestProject) {
  db = await ensureDatabase({
    cluster: "test",
    port: Number(process.env.NORVALT_TEST_PG_PORT ?? 0),
    database: "norvalt_test",
    extraDatabases: OWN_DATABASE_FILES.map(ownDatabaseName),
    ephemeral: true,
    log: () => {},
  });
  await migrateDatabase(db.ownerUrl, db.appUrl, () => {});
  project.provide("databaseUrl", db.appUrl);
  project.provide("ownerDatabaseUrl", db.ownerUrl);
  // npm test made and migrated them already (it passes DATABASE_URL, so ensureDatabase above is external).
  const given = process.env[OWN_DATABASES_ENV];
  project.provide("ownDatabases", given ? JSON.parse(given) : await migrateOwnDatabases(db));
}

/**
 * Creates nothing on an external server (every "database" is the configured one there, so none is of its own:
 * the files that need one then fail, they do not skip).
 */
export async function migrateOwnDatabases(handle: DatabaseHandle): Promise<Record<string, DatabaseUrls>> {
  if (!handle.embedded) return {};
  const entries = await Promise.all(
    OWN_DATABASE_FILES.map(async (file) => {
      const urls = handle.urlsFor(ownDatabaseName(file));
      await migrateDatabase(urls.ownerUrl, urls.appUrl, () => {});
      return [file, urls] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export async function teardown() {
  await db?.stop();
}
