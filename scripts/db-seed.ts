// npm run db:seed                                        — demo data (Fjordbil AS, Vestland Bil AS); idempotent
// npm run db:seed -- --leads 1000000 --dealerships 200   — scale data set for performance work (scale-0001…)
//
// Uses DATABASE_URL (+ MIGRATION_DATABASE_URL) when set, otherwise the embedded Postgres cluster "main".
// Migrations are applied first (idempotent).
import { getLogger } from "../lib/log/logger.ts";
import { positiveInt, UsageError } from "./lib/cli-args.ts";
import "./lib/load-env-files.ts";
import { parseArgs } from "node:util";
import { parseEnv } from "../env.ts";
import { describeError } from "./lib/describe-error.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { ensureDatabase, type DatabaseHandle } from "./lib/postgres.ts";

const USAGE = `Usage:
  npm run db:seed                                         demo data (idempotent)
  npm run db:seed -- --leads 1000000 --dealerships 200    scale data set (scale-0001…)

Options:
  --leads <n>          number of leads for the scale set (default 1000000 when --dealerships is given)
  --dealerships <n>    number of scale dealerships (default 200 when --leads is given)
  --batch-size <n>     leads per INSERT statement (default 50000)
  -h, --help           show this help`;

const DEFAULT_SCALE_LEADS = 1_000_000;
const DEFAULT_SCALE_DEALERSHIPS = 200;

type Mode = { kind: "demo" } | { kind: "scale"; leads: number; dealerships: number; batchSize: number };

function parseMode(argv: string[]): Mode | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        leads: { type: "string" },
        dealerships: { type: "string" },
        "batch-size": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return "help";
  if (values.leads === undefined && values.dealerships === undefined) {
    if (values["batch-size"] !== undefined)
      throw new UsageError("--batch-size only applies with --leads/--dealerships");
    return { kind: "demo" };
  }
  return {
    kind: "scale",
    leads: positiveInt("leads", values.leads, DEFAULT_SCALE_LEADS),
    dealerships: positiveInt("dealerships", values.dealerships, DEFAULT_SCALE_DEALERSHIPS, { max: 100_000 }),
    batchSize: positiveInt("batch-size", values["batch-size"], 50_000, { max: 1_000_000 }),
  };
}

async function main(): Promise<number> {
  let mode: Mode | "help";
  try {
    mode = parseMode(process.argv.slice(2));
  } catch (err) {
    console.error(`db:seed: ${(err as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (mode === "help") {
    console.log(USAGE);
    return 0;
  }

  // parseEnv, not getEnv: getEnv caches, and DATABASE_URL is only known once the database is up.
  let env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    console.error(`db:seed: ${(err as Error).message}`);
    return 1;
  }
  process.env.NORVALT_PROCESS_NAME ??= "norvalt-seed";
  let db: DatabaseHandle | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  try {
    db = await ensureDatabase({ cluster: "main", port: env.NORVALT_PG_PORT, database: "norvalt" });
    await migrateDatabase(db.ownerUrl, db.appUrl);

    if (mode.kind === "scale") {
      const { seedScale } = await import("./lib/seed-scale.ts");
      const started = performance.now();
      const result = await seedScale({
        ownerOrAppUrl: db.ownerUrl,
        leads: mode.leads,
        dealerships: mode.dealerships,
        batchSize: mode.batchSize,
      });
      if (result.created) {
        getLogger("seed").info(
          `db:seed scale finished in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
        );
      }
    } else {
      // The lib db client reads DATABASE_URL lazily, on the first getDb(): set it to the app role (RLS applies).
      process.env.DATABASE_URL = db.appUrl;
      const client = await import("../lib/db/client.ts");
      closeDb = client.closeDb;
      const { seedDemo, DEMO_API_KEY_FALLBACK } = await import("./lib/seed-demo.ts");
      await seedDemo({
        formKey: env.NORVALT_DEMO_FORM_KEY,
        apiKey: env.NORVALT_DEMO_API_KEY ?? DEMO_API_KEY_FALLBACK,
      });
    }
    return 0;
  } catch (err) {
    getLogger("seed").error({ err }, `db:seed failed: ${describeError(err)}`);
    return 1;
  } finally {
    await closeDb?.().catch((err: Error) => getLogger("seed").error({ err }, "closing the db pool"));
    await db?.stop().catch((err: Error) => getLogger("seed").error({ err }, "stopping Postgres"));
  }
}

// Explicit exit: an idle pg pool or timer left open by a library must not keep a finished script alive.
process.exit(await main());
