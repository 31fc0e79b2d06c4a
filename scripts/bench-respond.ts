// npm run bench:respond [-- --rates 5,20,50 --latencies 0,1500 --duration 60 --skip-build]
//
// How fast a lead gets its answer: production build + worker on loopback (a durable throw-away Postgres, or
// DATABASE_URL), Claude replaced by a loopback fake of the Messages API with a set latency, e-mail to the outbox.
// For each model latency and each rate, leads are posted to the website-form webhook at that rate (open loop)
// for --duration seconds; then, per lead, (e-mail handed to the transport − lead accepted) is measured, with and
// without the model's own time, plus how long the backlog took to drain after the last lead.
// Always exits 0 once it has measured; FAIL rows are printed, not thrown.
import "./lib/load-env-files.ts";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startFakeAnthropic } from "../tests/fakes/anthropic-server.ts";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { UsageError } from "./lib/cli-args.ts";
import { makeRunSigningSecret } from "./lib/local-signing-secret.ts";
import { describeError } from "./lib/describe-error.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { findFreePort, waitForHealthy } from "./lib/network.ts";
import { ensureDatabase, PROJECT_ROOT, type DatabaseHandle } from "./lib/postgres.ts";
import { runToCompletion, spawnPrefixed, stopAllProcesses, stopOnInterrupt } from "./lib/processes.ts";

const NEXT = join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
const FORM_KEY = "bench-respond-form";
const TARGETS = { overheadP95At20: 300, totalP95With1500: 2_000 };
const DRAIN_TIMEOUT_MS = 5 * 60_000;
const log = (line: string) => console.log(`[bench] ${line}`);

const USAGE = `Usage: npm run bench:respond [-- options]

Options:
  --rates <list>       leads per second, comma-separated (default 5,20,50)
  --latencies <list>   fake model latency in ms, comma-separated (default 0,1500)
  --duration <s>       seconds of leads per run (default 60)
  --skip-build         reuse the existing .next build
  --profile <dir>      write V8 CPU profiles of the web and worker processes there (open in Chrome DevTools)
  -h, --help           show this help`;

function parseList(name: string, value: string): number[] {
  const list = value.split(",").map((v) => Number(v.trim()));
  if (!list.length || list.some((n) => !Number.isFinite(n) || n < 0 || n > 100_000))
    throw new UsageError(`--${name} must be a comma-separated list of numbers, got "${value}"`);
  return list;
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        rates: { type: "string", default: "5,20,50" },
        latencies: { type: "string", default: "0,1500" },
        duration: { type: "string", default: "60" },
        "skip-build": { type: "boolean" },
        profile: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return "help" as const;
  const [duration] = parseList("duration", values.duration!);
  return {
    rates: parseList("rates", values.rates!).filter((r) => r > 0),
    latencies: parseList("latencies", values.latencies!),
    duration: duration!,
    skipBuild: Boolean(values["skip-build"]),
    profileArgs: values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : [],
  };
}

/** Posts one lead a 1/rate seconds apart for `seconds` (open loop: a slow answer does not slow the sender). */
async function postLeads(
  url: string,
  rate: number,
  seconds: number,
  tag: string,
): Promise<{ sent: number; failed: number }> {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  let failed = 0;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: `Bench Kunde ${i}`,
          email: `respond-${tag}-${i}-${process.pid}@example.no`,
          vehicle_interest: "Volkswagen ID.4",
          message: "Hei! Er ID.4-en fortsatt ledig, og kan jeg prøvekjøre den?",
        }),
      }).then(
        (res) => void (res.ok || failed++),
        () => void failed++,
      ),
    );
    if (i % Math.max(1, Math.round(rate)) === 0)
      process.stdout.write(`\r[bench] ${tag}: ${i + 1}/${total} leads posted …`);
  }
  await Promise.all(inflight);
  process.stdout.write("\n");
  return { sent: total, failed };
}

type Timing = { total: number; model: number };

/** Per lead of this run: ms from lead accepted to the e-mail handed to the transport, and the model's share. */
async function readTimings(owner: pg.Client, dealershipId: string, tag: string) {
  await owner.query("begin; set local role norvalt_system");
  const { rows } = await owner.query<{ total_ms: number | null; model_ms: number | null }>(
    `select (extract(epoch from (o.created_at - l.created_at)) * 1000)::float8 as total_ms,
            (select (e.data->>'durationMs')::float from lead_events e
              where e.lead_id = l.id and e.type = 'ai.reply_drafted' limit 1) as model_ms
       from leads l
       left join outbox_messages o on o.lead_id = l.id and o.channel = 'email'
      where l.dealership_id = $1 and l.customer_email like $2`,
    [dealershipId, `respond-${tag}-%`],
  );
  await owner.query("commit");
  const answered = rows.filter((r) => r.total_ms !== null) as { total_ms: number; model_ms: number | null }[];
  return {
    leads: rows.length,
    unanswered: rows.length - answered.length,
    timings: answered.map((r): Timing => ({ total: r.total_ms, model: r.model_ms ?? 0 })),
  };
}

async function waitForDrain(
  owner: pg.Client,
  dealershipId: string,
  tag: string,
  expected: number,
): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < DRAIN_TIMEOUT_MS) {
    const { unanswered, leads } = await readTimings(owner, dealershipId, tag);
    if (leads >= expected && unanswered === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return performance.now() - started;
}

let db: DatabaseHandle | undefined;
stopOnInterrupt(() => db?.stop());

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${USAGE}`);
    return 1;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }

  let owner: pg.Client | undefined;
  const fake = await startFakeAnthropic();
  try {
    db = await ensureDatabase({
      cluster: "bench",
      port: 0,
      database: "norvalt_bench_respond",
      ephemeral: true,
      log,
    });
    await migrateDatabase(db.ownerUrl, db.appUrl, log);
    owner = new pg.Client({ connectionString: db.ownerUrl });
    // Stopping Postgres at the end closes this connection: not an error worth a crash.
    owner.on("error", () => {});
    await owner.connect();
    // The bench dealership: open around the clock, one rep (so every lead also gets its SMS), a matching car.
    await owner.query("begin; set local role norvalt_system");
    const always = { open: "00:00", close: "23:59" };
    const hours = Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, always]),
    );
    const { rows } = await owner.query<{ id: string }>(
      `insert into dealerships (name, slug, email, phone, form_key, business_hours)
       values ('Bench Bil AS', 'bench-respond', 'bench@example.no', '+47 55 00 00 00', $1, $2) returning id`,
      [FORM_KEY, JSON.stringify(hours)],
    );
    const dealershipId = rows[0]!.id;
    await owner.query(
      `insert into users (dealership_id, email, name, role, phone) values ($1, 'selger@bench.no', 'Siri Selger', 'sales_rep', '+4791234567')`,
      [dealershipId],
    );
    await owner.query(
      `insert into vehicles (dealership_id, make, model, variant, year, price_nok, mileage_km, fuel_type, status)
       values ($1, 'Volkswagen', 'ID.4', 'Pro', 2023, 389000, 21000, 'Elektrisk', 'available')`,
      [dealershipId],
    );
    await owner.query("commit");

    const port = await findFreePort();
    const env = {
      ...process.env,
      NODE_ENV: "production" as const,
      DATABASE_URL: db.appUrl,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      FORM_RATE_LIMIT_PER_FORM_PER_MINUTE: "100000000",
      ANTHROPIC_API_KEY: "bench-key",
      ANTHROPIC_BASE_URL: fake.url,
      LOG_LEVEL: "warn",
      NORVALT_SIGNING_SECRET: makeRunSigningSecret(),
    };
    if (!options.skipBuild) {
      log("next build …");
      await runToCompletion("build", process.execPath, [NEXT, "build"], env);
    }
    spawnPrefixed("web", process.execPath, [...options.profileArgs, NEXT, "start", "-p", String(port), "-H", "127.0.0.1"], env);
    spawnPrefixed("worker", process.execPath, [...options.profileArgs, join(PROJECT_ROOT, "jobs/runner.ts")], env);
    await waitForHealthy(`${env.APP_URL}/api/health`, 120_000);
    const url = `${env.APP_URL}/api/webhooks/form/${FORM_KEY}`;
    // Warm-up (not measured): the first requests compile routes and warm the JIT and the caches, which
    // otherwise shows up as the slow tail of whichever row runs first.
    log("warm-up: 10 s at 5 leads/s (not counted)");
    const warm = await postLeads(url, 5, 10, "warmup");
    await waitForDrain(owner, dealershipId, "warmup", warm.sent - warm.failed);

    const table: string[][] = [];
    for (const latency of options.latencies) {
      fake.setLatency(latency);
      for (const rate of options.rates) {
        // Unique per row: a rate listed twice must not post the same addresses (they would merge into the first).
        const tag = `m${latency}-r${rate}-${table.length}`;
        log(`model ${latency} ms, ${rate} leads/s for ${options.duration} s`);
        const posted = await postLeads(url, rate, options.duration, tag);
        const drainMs = await waitForDrain(owner, dealershipId, tag, posted.sent - posted.failed);
        const { leads, unanswered, timings } = await readTimings(owner, dealershipId, tag);
        const total = statsOf(timings.map((t) => t.total));
        const overhead = statsOf(timings.map((t) => Math.max(0, t.total - t.model)));
        const ms = (n: number) => (Number.isNaN(n) ? "–" : n.toFixed(0));
        const target =
          latency === 0 && rate === 20
            ? {
                value: overhead.p95,
                limit: TARGETS.overheadP95At20,
                label: `overhead p95 < ${TARGETS.overheadP95At20}`,
              }
            : latency === 1500 && rate === 20
              ? {
                  value: total.p95,
                  limit: TARGETS.totalP95With1500,
                  label: `total p95 < ${TARGETS.totalP95With1500}`,
                }
              : null;
        const row = [
          String(latency),
          String(rate),
          `${leads}${posted.failed ? ` (${posted.failed} rejected)` : ""}`,
          `${ms(total.p50)} / ${ms(total.p95)} / ${ms(total.p99)}`,
          `${ms(overhead.p50)} / ${ms(overhead.p95)} / ${ms(overhead.p99)}`,
          (drainMs / 1000).toFixed(1),
          String(unanswered),
          target ? `${target.label}: ${target.value < target.limit ? "PASS" : "FAIL"}` : "",
        ];
        table.push(row);
        log(`→ ${row.join(" | ")}`);
      }
    }
    console.log(
      `\n${formatTable(
        [
          "model ms",
          "leads/s",
          "leads",
          "total p50/p95/p99 ms",
          "excl. model p50/p95/p99 ms",
          "drain s",
          "unanswered",
          "target",
        ],
        table,
        [true, true, true, true, true, true, true, false],
      )}`,
    );
    console.log("\nunanswered must be 0 in every row (target: zero leads left unanswered).");
    return 0;
  } catch (err) {
    console.error(`bench:respond failed: ${describeError(err)}`);
    return 1;
  } finally {
    await owner?.end().catch(() => {});
    await stopAllProcesses(15_000);
    await fake.close();
    await db?.stop();
  }
}

process.exit(await main());
