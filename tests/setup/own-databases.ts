// Test files that run a job worker (in-process or as a child process) each get a database of their own: a worker
// takes every job on its queues, so on a shared database it would finish other files' jobs, and theirs its.
// tests/setup/env.ts points such a file's DATABASE_URL at its database; a file listed here that cannot get one
// fails (never skips). tests/architecture/own-databases.test.ts fails when a file starts a worker without an entry.
import { basename } from "node:path";

export const OWN_DATABASE_FILES = [
  "respond-end-to-end.test.ts",
  "respond-workflow.test.ts",
  "facebook-lead-ads.test.ts",
  "jobs.test.ts",
  "supervision.test.ts",
] as const;

export type DatabaseUrls = { appUrl: string; ownerUrl: string };

/** `jobs.test.ts` → `norvalt_t_jobs`. */
export function ownDatabaseName(file: string): string {
  return `norvalt_t_${basename(file)
    .replace(/\.test\.tsx?$/, "")
    .replace(/[^a-z0-9]+/gi, "_")
    .toLowerCase()}`;
}

export const OWN_DATABASE_NAMES = OWN_DATABASE_FILES.map(ownDatabaseName);

/** The environment variable npm test passes the migrated databases in (JSON: file name → URLs). */
export const OWN_DATABASES_ENV = "NORVALT_TEST_OWN_DATABASES";

export function needsOwnDatabase(testPath: string): boolean {
  return (OWN_DATABASE_FILES as readonly string[]).includes(basename(testPath));
}
