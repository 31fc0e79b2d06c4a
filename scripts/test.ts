// npm test — everything, on a real Postgres: unit + integration tests (Vitest), then a production build of the
// app with its worker, driven by Playwright in Chromium. Flags: --no-e2e, --e2e-only; other arguments are Vitest
// file filters (`npm test -- --no-e2e tests/integration/jobs.test.ts`); with --e2e-only they filter Playwright
// specs instead (`npm test -- --e2e-only tests/e2e/team.spec.ts`).
// Uses DATABASE_URL/MIGRATION_DATABASE_URL when set (a disposable database!), else a throw-away embedded cluster.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { makeRunSigningSecret } from "./lib/local-signing-secret.ts";
import { startFakeResend } from "../tests/fakes/resend-server.ts";
import { ensureChromium } from "./lib/chromium.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { findFreePort, waitForHealthy } from "./lib/network.ts";
import { ensureDatabase, PROJECT_ROOT, type DatabaseHandle } from "./lib/postgres.ts";
import { migrateOwnDatabases } from "../tests/setup/global-setup.ts";
import { OWN_DATABASE_NAMES, OWN_DATABASES_ENV } from "../tests/setup/own-databases.ts";
import { runToCompletion, spawnPrefixed, stopAllProcesses } from "./lib/processes.ts";

const { values: flags, positionals: vitestFilters } = parseArgs({
  options: { "no-e2e": { type: "boolean" }, "e2e-only": { type: "boolean" } },
  allowPositionals: true,
});
const log = (line: string) => console.log(`[test] ${line}`);
const bin = (path: string) => join(PROJECT_ROOT, "node_modules", path);
const RESULTS = join(PROJECT_ROOT, "test-results");
// Test-only Meta app secret: the e2e spec signs webhook deliveries with it (it reads FACEBOOK_APP_SECRET).
const E2E_FACEBOOK_APP_SECRET = "e2e-facebook-app-secret";

type Counts = { passed: number; failed: number; skipped: number };
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
let db: DatabaseHandle | undefined;
let stopFakeResend: (() => Promise<void>) | undefined;

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  const chromium = flags["no-e2e"] ? undefined : ensureChromium(log);
  db = await ensureDatabase({
    cluster: "test",
    port: Number(process.env.NORVALT_TEST_PG_PORT ?? 0),
    database: "norvalt_test",
    // e2e gets its own database: integration tests leave hundreds of queued reply jobs that the e2e worker
    // would otherwise have to work through before answering the e2e's own leads.
    // Test files that run a job worker get one each, so no other file's worker takes their jobs
    // (tests/setup/own-databases.ts).
    extraDatabases: ["norvalt_e2e", ...(flags["e2e-only"] ? [] : OWN_DATABASE_NAMES)],
    ephemeral: true,
    log,
  });
  await migrateDatabase(db.ownerUrl, db.appUrl, log);
  const env = {
    ...process.env,
    DATABASE_URL: db.appUrl,
    MIGRATION_DATABASE_URL: db.ownerUrl,
    NODE_ENV: "test" as const,
  };

  if (!flags["e2e-only"]) {
    const ownStarted = performance.now();
    const own = await migrateOwnDatabases(db);
    log(
      `${Object.keys(own).length} databases of their own for worker-running test files (${seconds(ownStarted)} s)`,
    );
    const vitestStarted = performance.now();
    log("unit + integration tests (Vitest)");
    await runTolerant(
      "vitest",
      process.execPath,
      [
        bin("vitest/vitest.mjs"),
        "run",
        "--reporter=default",
        "--reporter=json",
        `--outputFile=${RESULTS}/vitest.json`,
        ...vitestFilters,
      ],
      { ...env, [OWN_DATABASES_ENV]: JSON.stringify(own) },
    );
    add(readVitest());
    timings.push(["vitest", seconds(vitestStarted)]);
  }
  if (chromium) {
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // The Meta spec starts its fake Graph API on this port; the app and the worker are pointed at it.
    const graphPort = await findFreePort();
    // E-mail goes through the real Resend adapter to a loopback fake of Resend's API, so a spec can read what a
    // person would find in their mailbox (sign-in links are hidden in the production outbox).
    const resend = await startFakeResend();
    stopFakeResend = resend.close;
    const e2eDb = db.urlsFor("norvalt_e2e");
    if (e2eDb.appUrl !== db.appUrl) await migrateDatabase(e2eDb.ownerUrl, e2eDb.appUrl, log);
    const appEnv = {
      ...env,
      DATABASE_URL: e2eDb.appUrl,
      MIGRATION_DATABASE_URL: e2eDb.ownerUrl,
      NODE_ENV: "production" as const,
      APP_URL: baseUrl,
      PORT: String(port),
      NORVALT_PROCESS_NAME: "norvalt-e2e",
      NORVALT_SIGNING_SECRET: makeRunSigningSecret(),
      // As behind one reverse proxy: the HTTP tests give each test its own client address.
      TRUST_PROXY: "1",
      // Every e2e sign-in comes from 127.0.0.1: the whole suite signs in more often than one office would.
      LOGIN_RATE_LIMIT_PER_IP: "1000",
      APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      FACEBOOK_APP_ID: "e2e-app",
      FACEBOOK_APP_SECRET: E2E_FACEBOOK_APP_SECRET,
      FACEBOOK_VERIFY_TOKEN: "e2e-verify",
      FACEBOOK_GRAPH_URL: `http://127.0.0.1:${graphPort}`,
      FACEBOOK_DIALOG_URL: `http://127.0.0.1:${graphPort}`,
      // The conversation spec signs Twilio's inbound-SMS webhook with it (no account: SMS stay in the outbox).
      TWILIO_AUTH_TOKEN: "e2e-twilio-auth-token",
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
    };
    log("seeding the demo dealerships for e2e");
    await runToCompletion("seed", process.execPath, [join(PROJECT_ROOT, "scripts/db-seed.ts")], appEnv);
    log("building the app for e2e (next build)");
    const buildStarted = performance.now();
    await runToCompletion("build", process.execPath, [bin("next/dist/bin/next"), "build"], appEnv);
    timings.push(["next build", seconds(buildStarted)]);
    const e2eStarted = performance.now();
    // Stopped by cleanup() through stopAllProcesses().
    spawnPrefixed(
      "web",
      process.execPath,
      [bin("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
      appEnv,
    );
    spawnPrefixed("worker", process.execPath, [join(PROJECT_ROOT, "jobs/runner.ts")], appEnv);
    await waitForHealthy(`${baseUrl}/api/health/ready`, 120_000);
    log(`e2e tests (Playwright, ${chromium})`);
    const specs = flags["e2e-only"] ? vitestFilters : [];
    await runTolerant("e2e", process.execPath, [bin("@playwright/test/cli.js"), "test", ...specs], {
      ...appEnv,
      E2E_BASE_URL: baseUrl,
      E2E_FAKE_GRAPH_PORT: String(graphPort),
      E2E_FAKE_RESEND_URL: resend.url,
      CHROMIUM_PATH: chromium,
    });
    add(readPlaywright());
    timings.push(["e2e (start + Playwright)", seconds(e2eStarted)]);
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
/** Where npm test's time goes, printed with the summary. */
const timings: [string, string][] = [];

/** A failing test run is a result, not a crash: count it and carry on to the summary. */
async function runTolerant(name: string, command: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    await runToCompletion(name, command, args, env);
  } catch (err) {
    log(`${(err as Error).message}`);
  }
}

function add(c: Counts) {
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
}

function readVitest(): Counts {
  try {
    const r = JSON.parse(readFileSync(`${RESULTS}/vitest.json`, "utf8"));
    // A file that failed to load has no tests in the count but must still fail the run.
    const brokenFiles = r.testResults.filter(
      (f: { status: string; assertionResults: unknown[] }) =>
        f.status === "failed" && f.assertionResults.length === 0,
    ).length;
    return {
      passed: r.numPassedTests,
      failed: r.numFailedTests + brokenFiles,
      skipped: r.numPendingTests + r.numTodoTests,
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 }; // no report: vitest itself failed
  }
}

function readPlaywright(): Counts {
  try {
    const { stats } = JSON.parse(readFileSync(`${RESULTS}/e2e.json`, "utf8"));
    return { passed: stats.expected, failed: stats.unexpected + stats.flaky, skipped: stats.skipped };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

async function cleanup() {
  await stopAllProcesses(10_000);
  await stopFakeResend?.();
  await db?.stop();
}

// Ctrl-C: stop vitest/playwright/app/worker and the throw-away Postgres instead of orphaning them.
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n[test] ${signal}: stopping …`);
    void cleanup().finally(() => process.exit(130));
  });
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  console.error(`[test] ${(err as Error).message}`);
  exitCode = 1;
} finally {
  await cleanup();
}
// A skipped test proves nothing: it fails the run like a failed one (no `.skip`, no `skipIf` in this suite).
if (totals.failed > 0 || totals.skipped > 0 || totals.passed === 0) exitCode = 1;
for (const [step, s] of timings) console.log(`[test] ${step.padEnd(26)} ${s.padStart(7)} s`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.skipped > 0) console.log("[test] skipped tests fail the run: a skipped test proves nothing");
process.exit(exitCode);
