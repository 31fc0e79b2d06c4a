// npm run dev | npm run demo — one command: embedded Postgres (unless DATABASE_URL), migrations, demo seed when
// empty, then Next.js and the job worker with prefixed logs. A crashed web or worker is started again with backoff
// (scripts/lib/supervise.ts). Ctrl-C stops the app, then the worker (it finishes in-flight jobs), then Postgres.
import "./lib/load-env-files.ts";
import { join } from "node:path";
import { parseEnv } from "../env.ts";
import { ensureLocalEncryptionKey, ensureLocalSigningSecret } from "./lib/local-signing-secret.ts";
import { describeError } from "./lib/describe-error.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { assertPortFree, waitForHealthy } from "./lib/network.ts";
import { ensureDatabase, PROJECT_ROOT, type DatabaseHandle } from "./lib/postgres.ts";
import { runToCompletion, spawnPrefixed, stopAllProcesses } from "./lib/processes.ts";
import { stopInOrder, supervise, type Supervised } from "./lib/supervise.ts";

const mode = process.argv[2] === "demo" ? "demo" : "dev";
const startedAt = performance.now();
const NEXT_BIN = join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
const log = (line: string) => console.log(`[norvalt] ${line}`);

let db: DatabaseHandle | undefined;
// Kept so a Ctrl-C during start-up still stops the Postgres that is coming up.
let dbStarting: Promise<DatabaseHandle> | undefined;
const children: Supervised[] = [];
let shuttingDown = false;

async function main() {
  // parseEnv, not getEnv: getEnv caches, and DATABASE_URL is only known once the database is up.
  const env = parseEnv(process.env);
  await assertPortFree(env.PORT, `Port ${env.PORT} is already in use. Stop what is using it or set PORT=…`);
  db = await (dbStarting = ensureDatabase({
    cluster: "main",
    port: env.NORVALT_PG_PORT,
    database: "norvalt",
    log: (l) => log(l),
  }));
  await migrateDatabase(db.ownerUrl, db.appUrl, log);
  process.env.DATABASE_URL = db.appUrl;
  const { seedDemoIfEmpty } = await import("./lib/seed-demo-if-empty.ts");
  const demo = await seedDemoIfEmpty(env, log);

  const childEnv = {
    ...process.env,
    DATABASE_URL: db.appUrl,
    MIGRATION_DATABASE_URL: db.ownerUrl,
    PORT: String(env.PORT),
    NORVALT_SIGNING_SECRET: ensureLocalSigningSecret(),
    APP_ENCRYPTION_KEY: ensureLocalEncryptionKey(),
  };
  if (mode === "demo") {
    log("building the app (next build) …");
    await runToCompletion("build", process.execPath, [NEXT_BIN, "build"], {
      ...childEnv,
      NODE_ENV: "production",
    });
  }
  const nodeEnv = mode === "demo" ? "production" : "development";
  if (shuttingDown) return;
  children.push(
    supervise({
      name: "web",
      log,
      start: () =>
        spawnPrefixed(
          "web",
          process.execPath,
          [NEXT_BIN, mode === "demo" ? "start" : "dev", "-p", String(env.PORT)],
          { ...childEnv, NODE_ENV: nodeEnv },
        ),
    }),
  );
  children.push(
    supervise({
      name: "worker",
      log,
      start: () =>
        spawnPrefixed("worker", process.execPath, [join(PROJECT_ROOT, "jobs/runner.ts")], {
          ...childEnv,
          NODE_ENV: nodeEnv,
        }),
    }),
  );

  await waitForHealthy(`http://127.0.0.1:${env.PORT}/api/health/ready`, 180_000, () => shuttingDown);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  log(`ready in ${seconds} s → ${env.APP_URL}`);
  if (demo) {
    log(`demo logins (password "${demo.password}"): ${demo.emails.join(", ")}`);
    log(`demo API key (Fjordbil): ${demo.apiKey}`);
    log(`demo website-form key: ${demo.formKey}`);
    log(
      `demo e-mail leads: E-post → "Last opp .eml" (try tests/fixtures/emails/toyota-portal-plain.eml); ` +
        `inbound address fjordbil-demo@${env.INBOUND_EMAIL_DOMAIN}`,
    );
  }
  log("press Ctrl-C to stop");
}

async function shutdown(reason: string, code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`${reason}: stopping …`);
  // The app first (no new requests), then the worker (it finishes in-flight jobs), the database last.
  await stopInOrder(
    [
      ...children.map((c) => ({ name: c.name, stop: () => c.stop() })),
      // Anything else still running (a build cut short by Ctrl-C).
      { name: "other children", stop: () => stopAllProcesses() },
      {
        name: "Postgres",
        stop: async () => {
          const handle = db ?? (await dbStarting?.catch(() => undefined));
          await handle?.stop();
        },
      },
    ],
    log,
  );
  log("stopped");
  process.exit(code);
}

// A closed terminal or pipe (e.g. `| tee` ended by the same Ctrl-C) must not abort the shutdown half-way.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

main().catch((err) => {
  console.error(`[norvalt] ${describeError(err)}`);
  void shutdown("start-up failed", 1);
});
