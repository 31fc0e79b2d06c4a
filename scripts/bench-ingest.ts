// npm run bench:ingest [-- --connections 100 --duration 20 --rate 50 --skip-build]
//
// The website-form webhook under load: production build + worker on loopback (a durable throw-away Postgres, or
// DATABASE_URL), unique leads posted with autocannon, then a check that every 2xx left exactly one lead and one
// reply job. Three phases, because a closed loop of N connections cannot show capacity and latency at once
// (Little's law: latency = N / throughput, so 100 connections at 300 req/s queue ~330 ms in the client):
// Every phase starts once the worker has finished the replies to the leads posted before it (the warm-up's
// backlog running in the worker had taken a third off the floor). The app runs with its default pool sizes.
//   0. floor    — the same connections POSTing the same bodies to an empty route under /api/webhooks/ (same proxy
//                 path, NORVALT_BENCH_FLOOR_ROUTE=on): what this machine and Next.js answer at all;
//   1. capacity — the form, as fast as the server answers, worker running: leads/s and its fraction of the floor.
//                 The saturated web makes the worker pace itself (lib/jobs/intake-first.ts; its log says when), so
//                 the table also says how many leads the worker answered during the phase and how long the rest took;
//   2. latency  — --rate leads/s offered at an even pace (open loop: one post every 1000/rate ms, each timed from
//                 when it was due, so a slow answer cannot hold the next post back): p50/p95/p99 at that load;
//   3. burst    — autocannon's --overallRate at the same rate, for comparison with earlier figures: autocannon gives
//                 each connection its quota at the start of every second, so all posts of a second go out at once
//                 (50 simultaneous posts each second at 50/s), which measures a burst, not a steady rate.
// Where the CPU goes: per lead for web, worker, Postgres (this cluster's processes only) and the load generator,
// and per statement (pg_stat_statements, before/after the capacity phase). How busy the rest of the machine was
// is printed too (the load average, and the CPU other processes used during the capacity phase): on a shared
// machine the fraction and the latencies are only comparable between runs under the same load.
// Always exits 0 once it has measured; FAIL rows are printed, not thrown.
import "./lib/load-env-files.ts";
import type { EventEmitter } from "node:events";
import autocannon from "autocannon";
import pg from "pg";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { parseFlags, parseOptionsOrUsage, positiveInt } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import { makeBenchAppEnv, startBenchApp } from "./lib/start-bench-app.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { ensureDatabase, type DatabaseHandle } from "./lib/postgres.ts";
import { stopAllProcesses, stopOnInterrupt } from "./lib/processes.ts";

// Issue 24: the form at ≥ 0.25 of the empty-route floor with the worker running, p95 < 150 ms at 50 leads/s.
const TARGET = { fractionOfFloor: 0.25, leadsPerSecond: 50, p95Ms: 150 };
const FORM_KEY = "bench-ingest-form";
const log = (line: string) => console.log(`[bench] ${line}`);

const USAGE = `Usage: npm run bench:ingest [-- options]

Options:
  --connections <n>   concurrent connections (default 100)
  --duration <s>      seconds per phase (default 20)
  --rate <n>          total leads/s offered in the latency phase (default ${TARGET.leadsPerSecond})
  --skip-build        reuse the existing .next build
  --without-worker    no worker: what intake alone costs and manages (the target is measured with the worker)
  --statements <n>    how many statements the per-statement table lists (default 15)
  --profile <dir>     write V8 CPU profiles of the web and worker processes there (open in Chrome DevTools)
  -h, --help          show this help`;

function parseOptions() {
  const { values } = parseFlags({
    options: {
      connections: { type: "string" },
      duration: { type: "string" },
      rate: { type: "string" },
      "skip-build": { type: "boolean" },
      "without-worker": { type: "boolean" },
      profile: { type: "string" },
      statements: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  return {
    connections: positiveInt("connections", values.connections, 100, { max: 1_000 }),
    duration: positiveInt("duration", values.duration, 20, { max: 3_600 }),
    rate: positiveInt("rate", values.rate, TARGET.leadsPerSecond, { max: 100_000 }),
    skipBuild: Boolean(values["skip-build"]),
    withoutWorker: Boolean(values["without-worker"]),
    profileDir: values.profile,
    statements: positiveInt("statements", values.statements, 15, { max: 500 }),
  };
}

type Phase = {
  name: string;
  seconds: number;
  latencies: number[];
  twoXx: number;
  non2xx: number;
  fiveXx: number;
  errors: number;
  timeouts: number;
  leadIds: Set<string>;
};

let sequence = 0;

/** One autocannon run posting unique leads; every response time is kept, so p95 is exact (autocannon has none). */
async function runPhase(
  name: string,
  url: string,
  options: { connections: number; duration: number; overallRate?: number },
): Promise<Phase> {
  const phase: Phase = {
    name,
    seconds: options.duration,
    latencies: [],
    twoXx: 0,
    non2xx: 0,
    fiveXx: 0,
    errors: 0,
    timeouts: 0,
    leadIds: new Set(),
  };
  const ticker = setInterval(
    () => process.stdout.write(`\r[bench] ${name}: ${phase.latencies.length} responses …`),
    1_000,
  );
  const instance = autocannon({
    url,
    ...options,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (req) => ({ ...req, body: leadBody() }),
        onResponse: (status, body) => {
          const leadId = status >= 200 && status < 300 ? JSON.parse(body).lead_id : undefined;
          if (leadId) phase.leadIds.add(leadId);
        },
      },
    ],
  });
  (instance as unknown as EventEmitter).on(
    "response",
    (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      phase.latencies.push(responseTime);
      if (status >= 200 && status < 300) phase.twoXx++;
      else phase.non2xx++;
      if (status >= 500) phase.fiveXx++;
    },
  );
  const result = await instance;
  clearInterval(ticker);
  process.stdout.write("\n");
  phase.errors = result.errors;
  phase.timeouts = result.timeouts;
  return phase;
}

/** Waits until the worker has no job left that is due (the replies to the leads posted so far are done). */
async function waitForIdleWorker(owner: pg.Client, timeoutMs = 300_000): Promise<void> {
  const started = Date.now();
  let lastLog = 0;
  for (;;) {
    const { rows } = await owner.query<{ due: number }>(
      `select count(*)::int as due from pgboss.job
        where state in ('created', 'retry', 'active') and start_after <= now() and name <> 'jobs.settle-expired'`,
    );
    const due = rows[0]!.due;
    if (due === 0) return;
    if (Date.now() - started > timeoutMs)
      throw new Error(`the worker still has ${due} jobs due after ${timeoutMs / 1000} s`);
    if (Date.now() - lastLog >= 5_000) {
      log(`waiting for the worker to finish: ${due} jobs due …`);
      lastLog = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function leadBody(): string {
  const i = sequence++;
  return JSON.stringify({
    name: `Bench Kunde ${i}`,
    email: `bench-${i}-${process.pid}@example.no`,
    phone: `9${String(1_000_000 + (i % 8_999_999)).padStart(7, "0")}`,
    vehicle_interest: "Tesla Model Y",
    message: `Henvendelse ${i}`,
  });
}

/**
 * Open loop at an even pace: one post every 1000/rate ms whatever the server does, each timed from the moment it
 * was due (so a stall shows in every post it delays: no coordinated omission). Node's fetch keeps connections
 * alive and opens more when posts overlap.
 */
async function runPacedPhase(
  name: string,
  url: string,
  options: { rate: number; duration: number },
): Promise<Phase> {
  const phase: Phase = {
    name,
    seconds: options.duration,
    latencies: [],
    twoXx: 0,
    non2xx: 0,
    fiveXx: 0,
    errors: 0,
    timeouts: 0,
    leadIds: new Set(),
  };
  const total = options.rate * options.duration;
  const interval = 1000 / options.rate;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  const post = async (due: number) => {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: leadBody(),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      phase.latencies.push(performance.now() - due);
      if (response.status >= 200 && response.status < 300) {
        phase.twoXx++;
        const leadId = JSON.parse(text).lead_id;
        if (leadId) phase.leadIds.add(leadId);
      } else phase.non2xx++;
      if (response.status >= 500) phase.fiveXx++;
    } catch (err) {
      if ((err as Error).name === "TimeoutError") phase.timeouts++;
      else phase.errors++;
    }
  };
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(post(due));
    if (i % options.rate === 0)
      process.stdout.write(`\r[bench] ${name}: ${phase.latencies.length} responses …`);
  }
  await Promise.all(inFlight);
  process.stdout.write("\n");
  return phase;
}

/** CPU time (ms) the whole machine has used so far, every core (/proc/stat); 0 where /proc is missing. */
function readMachineCpuMs(): number {
  try {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
    const busy = fields.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + Number(v)), 0);
    return busy * 10; // USER_HZ = 100
  } catch {
    return 0;
  }
}

type StatementStats = Map<string, { calls: number; ms: number; rows: number; query: string }>;

/** Every statement's cumulative calls and time in this database (the bench cluster loads pg_stat_statements). */
async function readStatements(owner: pg.Client): Promise<StatementStats> {
  // The owner role is NOINHERIT: its pg_read_all_stats membership applies only after SET ROLE.
  await owner.query("begin; set local role pg_read_all_stats");
  try {
    const { rows } = await owner.query<{
      id: string;
      calls: number;
      ms: number;
      rows: number;
      query: string;
    }>(
      `select queryid::text as id, calls::int, total_exec_time + total_plan_time as ms, rows::int,
              regexp_replace(query, '\\s+', ' ', 'g') as query
         from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())`,
    );
    return new Map(rows.map((r) => [r.id, r]));
  } catch {
    return new Map(); // pg_stat_statements not loaded (an external DATABASE_URL)
  } finally {
    await owner.query("commit");
  }
}

function formatStatementsPerLead(
  before: StatementStats,
  after: StatementStats,
  leads: number,
  limit: number,
) {
  const per = (n: number) => n / Math.max(1, leads);
  const diff = [...after.entries()]
    .map(([id, a]) => {
      const b = before.get(id);
      return { calls: a.calls - (b?.calls ?? 0), ms: a.ms - (b?.ms ?? 0), query: a.query };
    })
    .filter((d) => d.calls > 0)
    .sort((x, y) => y.ms - x.ms);
  if (diff.length === 0) return "(pg_stat_statements not available)";
  const total = diff.reduce((sum, d) => sum + d.ms, 0);
  return formatTable(
    ["calls/lead", "ms/lead", "share", "statement"],
    [
      ...diff
        .slice(0, limit)
        .map((d) => [
          per(d.calls).toFixed(2),
          per(d.ms).toFixed(3),
          `${((100 * d.ms) / total).toFixed(0)} %`,
          d.query.slice(0, 110),
        ]),
      [
        per(diff.reduce((s, d) => s + d.calls, 0)).toFixed(2),
        per(total).toFixed(3),
        "100 %",
        "all statements",
      ],
    ],
    [true, true, true, false],
  );
}

let db: DatabaseHandle | undefined;
stopOnInterrupt(() => db?.stop());

async function main(): Promise<number> {
  const options = parseOptionsOrUsage(parseOptions, USAGE);
  if ("exitCode" in options) return options.exitCode;
  let owner: pg.Client | undefined;

  try {
    // A durable cluster (fsync, synchronous commit): the figures must hold for a real server.
    db = await ensureDatabase({ cluster: "bench", port: 0, database: "norvalt_bench", ephemeral: true, log });
    await migrateDatabase(db.ownerUrl, db.appUrl, log);
    owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    // As the owner in the system role: the one bench dealership, no sales reps (so no SMS fan-out distorts it).
    await owner.query("begin; set local role norvalt_system");
    const inserted = await owner.query<{ id: string }>(
      `insert into dealerships (name, slug, email, form_key) values ('Bench Bil AS', 'bench-bil', 'bench@example.no', $1)
       on conflict (slug) do update set form_key = excluded.form_key returning id`,
      [FORM_KEY],
    );
    await owner.query("commit");
    const dealershipId = inserted.rows[0]!.id;

    const env = await makeBenchAppEnv(db, {
      // The bench measures throughput, not the limiter: raise it for this run only.
      FORM_RATE_LIMIT_PER_FORM_PER_MINUTE: "100000000",
      NORVALT_BENCH_FLOOR_ROUTE: "on",
    });
    const { readCpu } = await startBenchApp({
      env,
      skipBuild: options.skipBuild,
      profileDir: options.profileDir,
      postmasterPid: db.postmasterPid,
      deferWorker: options.withoutWorker,
      log,
    });
    const url = `${env.APP_URL}/api/webhooks/form/${FORM_KEY}`;
    const floorUrl = `${env.APP_URL}/api/webhooks/bench-floor`;

    log("warm-up: 10 s, 10 connections on the form and 3 s on the floor route, then ANALYZE (not counted)");
    await runPhase("warm-up", url, { connections: 10, duration: 10 });
    await runPhase("warm-up floor", floorUrl, { connections: 10, duration: 3 });
    // A database in service has planner statistics; a fresh one gets them only when autovacuum comes round.
    await owner.query("analyze");
    // Each phase starts on a quiet machine: the replies to the warm-up's (or the last phase's) leads must not run
    // in the worker while the next phase measures (that depressed the floor by a third).
    const settle = async () => {
      if (!options.withoutWorker) await waitForIdleWorker(owner!);
    };
    await settle();
    const loadAtStart = loadavg()[0]!;
    log(`phase 0, floor: ${options.connections} connections for ${options.duration} s on the empty route`);
    const floorCpuBefore = readCpu();
    const floor = await runPhase("floor", floorUrl, {
      connections: options.connections,
      duration: options.duration,
    });
    const floorCpuAfter = readCpu();
    log(`phase 1, capacity: ${options.connections} connections for ${options.duration} s, unthrottled`);
    const statementsBefore = await readStatements(owner);
    const cpuBefore = readCpu();
    const machineBefore = readMachineCpuMs();
    const capacityStartedAt = new Date();
    const capacity = await runPhase("capacity", url, {
      connections: options.connections,
      duration: options.duration,
    });
    const cpuAfter = readCpu();
    const machineAfter = readMachineCpuMs();
    const statementsAfter = await readStatements(owner);
    const capacityEndedAt = new Date();
    // Where the machine's CPU went per lead accepted in the capacity phase (this process generates the load).
    const cpuPerLead = (key: keyof typeof cpuAfter) =>
      ((cpuAfter[key] - cpuBefore[key]) / Math.max(1, capacity.twoXx)).toFixed(1);
    // The worker paces itself while the web is saturated (lib/jobs/intake-first.ts): how many leads it answered
    // during the phase, and how long the rest took once the posts stopped.
    const answered = await owner.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job
        where name = 'lead.respond' and state = 'completed' and completed_on >= $1 and completed_on < $2`,
      [capacityStartedAt, capacityEndedAt],
    );
    const catchUpStarted = performance.now();
    await settle();
    const catchUpSeconds = (performance.now() - catchUpStarted) / 1000;
    log(`phase 2, latency: ${options.rate} leads/s at an even pace for ${options.duration} s`);
    const latency = await runPacedPhase("latency", url, { rate: options.rate, duration: options.duration });
    await settle();
    log(`phase 3, burst: autocannon --overallRate ${options.rate} (the whole second's posts at once)`);
    const burst = await runPhase("burst", url, {
      connections: options.connections,
      duration: options.duration,
      overallRate: options.rate,
    });
    const loadAtEnd = loadavg()[0]!;

    log("verifying every 2xx against the database …");
    // Leads are behind FORCE RLS even for the owner: count them in the system role.
    await owner.query("begin; set local role norvalt_system");
    const acknowledged = [...capacity.leadIds, ...latency.leadIds, ...burst.leadIds];
    const counts = await owner.query<{ leads: number; jobs: number; orphans: number; found: number }>(
      `select (select count(*)::int from leads where dealership_id = $1) as leads,
              (select count(*)::int from pgboss.job where name = 'lead.respond' and data->>'dealershipId' = $1::text) as jobs,
              (select count(*)::int from leads l where l.dealership_id = $1 and not exists
                 (select 1 from pgboss.job j where j.name = 'lead.respond' and j.data->>'leadId' = l.id::text)) as orphans,
              (select count(*)::int from leads where dealership_id = $1 and id = any($2::uuid[])) as found`,
      [dealershipId, acknowledged],
    );
    await owner.query("commit");
    const c = counts.rows[0]!;
    // Requests in flight when a phase's clock stopped may be stored without their 2xx being counted: that is not
    // a loss. A loss is a 2xx whose lead_id is not in the database.
    const lost = acknowledged.length - c.found;

    const capacityRate = capacity.twoXx / capacity.seconds;
    const floorRate = floor.twoXx / floor.seconds;
    const fraction = capacityRate / Math.max(1, floorRate);
    const floorCpuPerRequest = (key: keyof typeof floorCpuAfter) =>
      ((floorCpuAfter[key] - floorCpuBefore[key]) / Math.max(1, floor.twoXx)).toFixed(1);
    const offered = latency.latencies.length / latency.seconds;
    const lat = statsOf(latency.latencies);
    const bur = statsOf(burst.latencies);
    const phases = [capacity, latency, burst];
    const sum = (pick: (p: Phase) => number) => phases.reduce((total, p) => total + pick(p), 0);
    const benchCpu = (c: typeof cpuAfter) => c.web + c.worker + c.postgres + c.load;
    const othersCores =
      machineAfter > 0
        ? (machineAfter - machineBefore - (benchCpu(cpuAfter) - benchCpu(cpuBefore))) /
          (capacity.seconds * 1000)
        : NaN;
    const cap = statsOf(capacity.latencies);
    const ms = (n: number) => n.toFixed(0);
    const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
    const rows = [
      [
        "machine: cores / load average at start and end",
        `${cpus().length} / ${loadAtStart.toFixed(1)} → ${loadAtEnd.toFixed(1)}`,
        "",
        "",
      ],
      [
        "machine: cores used by other processes during capacity",
        Number.isNaN(othersCores) ? "n/a" : othersCores.toFixed(2),
        "",
        "",
      ],
      ["floor (empty route): req/s", floorRate.toFixed(0), "", ""],
      [
        "floor: CPU ms per request, web / load generator",
        `${floorCpuPerRequest("web")} / ${floorCpuPerRequest("load")}`,
        "",
        "",
      ],
      [
        `capacity: leads/s (2xx), ${options.withoutWorker ? "worker NOT running (--without-worker)" : "worker running"}`,
        capacityRate.toFixed(0),
        "",
        "",
      ],
      [
        "capacity as a fraction of the floor",
        fraction.toFixed(2),
        `≥ ${TARGET.fractionOfFloor}`,
        options.withoutWorker ? "n/a" : verdict(fraction >= TARGET.fractionOfFloor),
      ],
      ["capacity: latency p50 / p95 / p99 ms", `${ms(cap.p50)} / ${ms(cap.p95)} / ${ms(cap.p99)}`, "", ""],
      [
        "capacity: leads answered during the phase / s to answer the rest after it",
        options.withoutWorker ? "n/a" : `${answered.rows[0]!.n} / ${catchUpSeconds.toFixed(0)}`,
        "",
        "",
      ],
      [
        "capacity: CPU ms per lead, web / worker / postgres / load generator",
        `${cpuPerLead("web")} / ${cpuPerLead("worker")} / ${cpuPerLead("postgres")} / ${cpuPerLead("load")}`,
        "",
        "",
      ],
      [`latency phase (even pace): leads/s answered (asked ${options.rate})`, offered.toFixed(0), "", ""],
      ["latency phase: p50 ms", ms(lat.p50), "", ""],
      ["latency phase: p95 ms", ms(lat.p95), `< ${TARGET.p95Ms}`, verdict(lat.p95 < TARGET.p95Ms)],
      ["latency phase: p99 / max ms", `${ms(lat.p99)} / ${ms(lat.max)}`, "", ""],
      [
        `burst phase (${options.rate} posts at once each second): p50 / p95 / p99 ms`,
        `${ms(bur.p50)} / ${ms(bur.p95)} / ${ms(bur.p99)}`,
        "",
        "",
      ],
      ["2xx responses (all phases)", String(sum((p) => p.twoXx)), "", ""],
      ["5xx responses", String(sum((p) => p.fiveXx)), "0", verdict(sum((p) => p.fiveXx) === 0)],
      ["other non-2xx", String(sum((p) => p.non2xx - p.fiveXx)), "0", verdict(sum((p) => p.non2xx) === 0)],
      [
        "errors / timeouts",
        `${sum((p) => p.errors)} / ${sum((p) => p.timeouts)}`,
        "0",
        verdict(sum((p) => p.errors + p.timeouts) === 0),
      ],
      [
        "2xx lead ids found in the database",
        `${c.found} / ${acknowledged.length}`,
        "all",
        verdict(c.found === acknowledged.length),
      ],
      ["leads stored (incl. in flight at stop)", String(c.leads), "", ""],
      ["reply jobs", String(c.jobs), "= leads", verdict(c.jobs === c.leads)],
      ["leads without a job", String(c.orphans), "0", verdict(c.orphans === 0)],
      ["lost (2xx without a lead)", String(lost), "0", verdict(lost === 0)],
    ];
    console.log(
      `\n${formatTable(["metric", "value", "target", "result"], rows, [false, true, false, false])}`,
    );
    console.log(
      `\nStatements per lead in the capacity phase (pg_stat_statements; ${capacity.twoXx} leads; top ${options.statements} by time):\n`,
    );
    console.log(
      formatStatementsPerLead(statementsBefore, statementsAfter, capacity.twoXx, options.statements),
    );
    return 0;
  } catch (err) {
    console.error(`bench:ingest failed: ${describeError(err)}`);
    return 1;
  } finally {
    await owner?.end().catch(() => {});
    await stopAllProcesses(15_000);
    await db?.stop();
  }
}

// Explicit exit: an idle pg pool or timer left open by a library must not keep a finished script alive.
process.exit(await main());
