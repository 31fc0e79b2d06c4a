import { basename } from "node:path";
import { expect, inject } from "vitest";
import { needsOwnDatabase } from "./own-databases.ts";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.MIGRATION_DATABASE_URL = inject("ownerDatabaseUrl");
process.env.APP_URL ??= "http://localhost:3000";

// A file that runs a job worker works on a database of its own (tests/setup/own-databases.ts).
const testPath = expect.getState().testPath ?? "";
if (needsOwnDatabase(testPath)) {
  const own = inject("ownDatabases")[basename(testPath)];
  if (!own)
    throw new Error(
      `${basename(testPath)} runs a job worker and needs a database of its own, which an external DATABASE_URL ` +
        "cannot give: run it through `npm test` or plain `npx vitest` (embedded Postgres).",
    );
  process.env.DATABASE_URL = own.appUrl;
  process.env.MIGRATION_DATABASE_URL = own.ownerUrl;
}
