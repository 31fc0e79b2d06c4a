// npm run bench:respond [-- --rates 5,20,50 --latencies 0,1500 --duration 60 --skip-build]
//
// How fast a lead gets its answer: production build + worker on loopback (a durable throw-away Postgres, or
// DATABASE_URL), Claude replaced by a loopback fake of the Messages API with a set latency, e-mail to the outbox.
// For each model latency and each rate, leads are posted to the website-form webhook at that rate (open loop)
// for --duration seconds; then, per lead, (e-mail handed to the transport − lead accepted) is measured, with and
// without the model's own time, plus how long the backlog took to drain after the last lead.
// Always exits 0 once it has measured; FAIL rows are printed, not thrown.
import "./lib/load-env-files.ts";
import pg from "pg";
import { startFakeAnthropic } from "../tests/fakes/anthropic-server.ts";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { parseFlags, parseOptionsOrUsage, UsageError } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import { makeBenchAppEnv, startBenchApp } from "./lib/start-bench-app.ts";
import { insertBenchDealership, queryAsSystem, startBenchDatabase } from "./lib/bench-dealership.ts";
import type { DatabaseHandle } from "./lib/postgres.ts";
import { stopAllProcesses, stopOnInterrupt } from "./lib/processes.ts";

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
  --timeline           per row, print each job's queue wait and run time in 5 s buckets (finds stalls)
  --profile <dir>      write V8 CPU profiles of the web and worker processes there (open in Chrome DevTools)
  -h, --help           show this help`;

function parseList(name: string, value: string): number[] {
  const list = value.split(",").map((v) => Number(v.trim()));
  if (!list.length || list.some((n) => !Number.isFinite(n) || n < 0 || n > 100_000))
    throw new UsageError(`--${name} must be a comma-separated list of numbers, got "${value}"`);
  return list;
}

function parseOptions() {
  const { values } = parseFlags({
    options: {
      rates: { type: "string", default: "5,20,50" },
      latencies: { type: "string", default: "0,1500" },
      duration: { type: "string", default: "60" },
      "skip-build": { type: "boolean" },
      timeline: { type: "boolean" },
      profile: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  const [duration] = parseList("duration", values.duration!);
  return {
    rates: parseList("rates", values.rates!).filter((r) => r > 0),
    latencies: parseList("latencies", values.latencies!),
    duration: duration!,
    skipBuild: Boolean(values["skip-build"]),
    timeline: Boolean(values.timeline),
    profileDir: values.profile,
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

/**
 * Where the time went, per 5 s of the run: for each job queue, p95 of the wait from enqueue to start and of the
 * run time (pg-boss keeps finished jobs, with created/started/completed times), beside the leads' own p95.
 */
async function printTimeline(owner: pg.Client, dealershipId: string, tag: string, since: Date) {
  await owner.query("begin; set local role norvalt_system");
  const { rows } = await owner.query<{ bucket: number; name: string; n: number; wait: number; run: number }>(
    `select floor(extract(epoch from (created_on - $1)) / 5)::int * 5 as bucket, name, count(*)::int as n,
            percentile_cont(0.95) within group (order by extract(epoch from (started_on - created_on)) * 1000) as wait,
            percentile_cont(0.95) within group (order by extract(epoch from (completed_on - started_on)) * 1000) as run
       from pgboss.job
      where created_on >= $1 and name in ('lead.respond', 'customer.send-email', 'rep.notify')
      group by 1, 2 order by 1, 2`,
    [since],
  );
  const { rows: leadRows } = await owner.query<{ bucket: number; p95: number }>(
    `select floor(extract(epoch from (l.created_at - $3)) / 5)::int * 5 as bucket,
            percentile_cont(0.95) within group (order by extract(epoch from (o.created_at - l.created_at)) * 1000) as p95
       from leads l join outbox_messages o on o.lead_id = l.id and o.channel = 'email'
      where l.dealership_id = $1 and l.customer_email like $2 group by 1 order by 1`,
    [dealershipId, `respond-${tag}-%`, since],
  );
  const { rows: count } = await owner.query<{ n: number }>(
    "select count(*)::int as n from leads where dealership_id = $1 and customer_email like $2",
    [dealershipId, `respond-${tag}-%`],
  );
  await owner.query("commit");
  // The app's statements per lead and Postgres time per lead since the row began (read as the owner: the
  // system role may not read other roles' statement texts).
  // The owner role is NOINHERIT: its pg_read_all_stats membership applies only after SET ROLE.
  await owner.query("begin; set local role pg_read_all_stats");
  const { rows: statements } = await owner.query<{ calls: number; ms: number; query: string }>(
    `select calls::int, total_exec_time + total_plan_time as ms, regexp_replace(query, '\\s+', ' ', 'g') as query
       from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
        and userid = (select oid from pg_roles where rolname = 'norvalt_app')
      order by calls desc`,
  );
  await owner.query("commit");
  const perLead = (n: number) => (n / Math.max(1, count[0]!.n)).toFixed(2);
  const sum = (key: "calls" | "ms") => statements.reduce((total, r) => total + r[key], 0);
  const { rows: sessions } = await owner.query<{ sessions: number; autovacuum: number }>(
    `select (select sessions::int from pg_stat_database where datname = current_database()) as sessions,
            (select coalesce(sum(autovacuum_count + autoanalyze_count), 0)::int from pg_stat_all_tables) as autovacuum`,
  );
  console.log(
    `statements per lead: ${perLead(sum("calls"))}, Postgres ms per lead: ${perLead(sum("ms"))}; ` +
      `since the database was created: ${sessions[0]!.sessions} connections opened, ` +
      `${sessions[0]!.autovacuum} autovacuum/autoanalyze runs`,
  );
  console.log(
    formatTable(
      ["calls/lead", "ms/lead", "statement"],
      statements.slice(0, 30).map((r) => [perLead(r.calls), perLead(r.ms), r.query.slice(0, 110)]),
      [true, true, false],
    ),
  );
  const cell = (bucket: number, name: string) => {
    const r = rows.find((x) => x.bucket === bucket && x.name === name);
    return r ? `${r.n} · ${r.wait.toFixed(0)} / ${r.run.toFixed(0)}` : "–";
  };
  console.log(
    formatTable(
      [
        "s",
        "lead p95 ms",
        "lead.respond n · wait/run p95",
        "customer.send-email n · wait/run p95",
        "rep.notify n · wait/run p95",
      ],
      leadRows.map((l) => [
        String(l.bucket),
        l.p95.toFixed(0),
        cell(l.bucket, "lead.respond"),
        cell(l.bucket, "customer.send-email"),
        cell(l.bucket, "rep.notify"),
      ]),
      [true, true, true, true, true],
    ),
  );
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
  const options = parseOptionsOrUsage(parseOptions, USAGE);
  if ("exitCode" in options) return options.exitCode;

  let owner: pg.Client | undefined;
  const fake = await startFakeAnthropic();
  try {
    ({ db, owner } = await startBenchDatabase("norvalt_bench_respond", log));
    // The bench dealership: open around the clock, one rep (so every lead also gets its SMS), a matching car.
    const { id: dealershipId } = await insertBenchDealership(owner, "bench-respond", { form_key: FORM_KEY });
    await queryAsSystem(
      owner,
      `insert into vehicles (dealership_id, make, model, variant, year, price_nok, mileage_km, fuel_type, status)
       values ($1, 'Volkswagen', 'ID.4', 'Pro', 2023, 389000, 21000, 'electric', 'available')`,
      [dealershipId],
    );

    const env = await makeBenchAppEnv(db, {
      FORM_RATE_LIMIT_PER_FORM_PER_MINUTE: "100000000",
      ANTHROPIC_API_KEY: "bench-key",
      ANTHROPIC_BASE_URL: fake.url,
    });
    const { readCpu } = await startBenchApp({
      env,
      skipBuild: options.skipBuild,
      profileDir: options.profileDir,
      log,
    });
    const url = `${env.APP_URL}/api/webhooks/form/${FORM_KEY}`;
    // Warm-up (not measured): the first requests compile routes and warm the JIT and the caches, which
    // otherwise shows up as the slow tail of whichever row runs first.
    // A fresh database has no planner statistics until autovacuum gets round to it, and the processes' JIT is cold:
    // measured without this, the first row paid for both (Postgres CPU per lead 18.9 ms in the first 60 s row,
    // 9.7 ms in the same row run again). A database in service has its statistics, so ANALYZE after the warm-up.
    log("warm-up: 20 s at 10 leads/s, then ANALYZE (not counted)");
    const warm = await postLeads(url, 10, 20, "warmup");
    await waitForDrain(owner, dealershipId, "warmup", warm.sent - warm.failed);
    await owner.query("analyze");

    const table: string[][] = [];
    for (const latency of options.latencies) {
      fake.setLatency(latency);
      for (const rate of options.rates) {
        // Unique per row: a rate listed twice must not post the same addresses (they would merge into the first).
        const tag = `m${latency}-r${rate}-${table.length}`;
        const rowStarted = new Date();
        log(
          `model ${latency} ms, ${rate} leads/s for ${options.duration} s (from ${rowStarted.toISOString()})`,
        );
        const cpuBefore = readCpu();
        if (options.timeline) await owner.query("select pg_stat_statements_reset()").catch(() => {});
        const posted = await postLeads(url, rate, options.duration, tag);
        const drainMs = await waitForDrain(owner, dealershipId, tag, posted.sent - posted.failed);
        const cpuAfter = readCpu();
        const { leads, unanswered, timings } = await readTimings(owner, dealershipId, tag);
        const cpuPerLead = (key: keyof typeof cpuAfter) =>
          ((cpuAfter[key] - cpuBefore[key]) / Math.max(1, leads)).toFixed(1);
        if (options.timeline) await printTimeline(owner, dealershipId, tag, rowStarted);
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
          `${cpuPerLead("web")} / ${cpuPerLead("worker")} / ${cpuPerLead("postgres")}`,
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
          "CPU ms/lead web / worker / pg",
          "target",
        ],
        table,
        [true, true, true, true, true, true, true, true, false],
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
