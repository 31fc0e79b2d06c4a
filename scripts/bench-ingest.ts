// npm run bench:ingest [-- --connections 100 --duration 30 --rate 300 --skip-build]
//
// The website-form webhook under load: production build + worker on loopback (a durable throw-away Postgres, or
// DATABASE_URL), unique leads posted with autocannon, then a check that every 2xx left exactly one lead and one
// reply job. Two phases, because a closed loop of N connections cannot show both numbers at once (Little's law:
// latency = N / throughput, so 100 connections at 300 req/s queue ~330 ms in the client by construction):
//   1. capacity — 100 connections as fast as the server answers: sustained leads/s;
//   2. latency  — the same 100 connections held to --rate leads/s in total: p50/p95/p99 at that load.
// Always exits 0 once it has measured; FAIL rows are printed, not thrown.
import "./lib/load-env-files.ts";
import type { EventEmitter } from "node:events";
import autocannon from "autocannon";
import pg from "pg";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { parseFlags, parseOptionsOrUsage, positiveInt } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import { makeBenchAppEnv, startBenchApp } from "./lib/start-bench-app.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { ensureDatabase, type DatabaseHandle } from "./lib/postgres.ts";
import { stopAllProcesses, stopOnInterrupt } from "./lib/processes.ts";

const TARGET = { leadsPerSecond: 300, p95Ms: 50 };
const FORM_KEY = "bench-ingest-form";
const log = (line: string) => console.log(`[bench] ${line}`);

const USAGE = `Usage: npm run bench:ingest [-- options]

Options:
  --connections <n>   concurrent connections (default 100)
  --duration <s>      seconds per phase (default 30)
  --rate <n>          total leads/s offered in the latency phase (default ${TARGET.leadsPerSecond})
  --skip-build        reuse the existing .next build
  --profile <dir>     write V8 CPU profiles of the web and worker processes there (open in Chrome DevTools)
  -h, --help          show this help`;

function parseOptions() {
  const { values } = parseFlags({
    options: {
      connections: { type: "string" },
      duration: { type: "string" },
      rate: { type: "string" },
      "skip-build": { type: "boolean" },
      profile: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  return {
    connections: positiveInt("connections", values.connections, 100, { max: 1_000 }),
    duration: positiveInt("duration", values.duration, 30, { max: 3_600 }),
    rate: positiveInt("rate", values.rate, TARGET.leadsPerSecond, { max: 100_000 }),
    skipBuild: Boolean(values["skip-build"]),
    profileDir: values.profile,
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
        setupRequest: (req) => {
          const i = sequence++;
          return {
            ...req,
            body: JSON.stringify({
              name: `Bench Kunde ${i}`,
              email: `bench-${i}-${process.pid}@example.no`,
              phone: `9${String(1_000_000 + (i % 8_999_999)).padStart(7, "0")}`,
              vehicle_interest: "Tesla Model Y",
              message: `Henvendelse ${i}`,
            }),
          };
        },
        onResponse: (status, body) => {
          if (status >= 200 && status < 300) phase.leadIds.add(JSON.parse(body).lead_id);
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

let db: DatabaseHandle | undefined;
stopOnInterrupt(() => db?.stop());

async function main(): Promise<number> {
  const options = parseOptionsOrUsage(parseOptions, USAGE);
  if ("exitCode" in options) return options.exitCode;

  try {
    // A durable cluster (fsync, synchronous commit): the figures must hold for a real server.
    db = await ensureDatabase({ cluster: "bench", port: 0, database: "norvalt_bench", ephemeral: true, log });
    await migrateDatabase(db.ownerUrl, db.appUrl, log);
    const owner = new pg.Client({ connectionString: db.ownerUrl });
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
      NORVALT_DB_POOL_SIZE: "20",
    });
    const { readCpu } = await startBenchApp({
      env,
      skipBuild: options.skipBuild,
      profileDir: options.profileDir,
      log,
    });
    const url = `${env.APP_URL}/api/webhooks/form/${FORM_KEY}`;

    log("warm-up: 10 s, 10 connections, then ANALYZE (not counted)");
    await runPhase("warm-up", url, { connections: 10, duration: 10 });
    // A database in service has planner statistics; a fresh one gets them only when autovacuum comes round.
    await owner.query("analyze");
    log(`phase 1, capacity: ${options.connections} connections for ${options.duration} s, unthrottled`);
    const cpuBefore = readCpu();
    const capacity = await runPhase("capacity", url, {
      connections: options.connections,
      duration: options.duration,
    });
    const cpuAfter = readCpu();
    // Where the machine's CPU went per lead accepted in the capacity phase (this process generates the load).
    const cpuPerLead = (key: keyof typeof cpuAfter) =>
      ((cpuAfter[key] - cpuBefore[key]) / Math.max(1, capacity.twoXx)).toFixed(1);
    log(`phase 2, latency: ${options.connections} connections, ${options.rate} leads/s in total`);
    const latency = await runPhase("latency", url, {
      connections: options.connections,
      duration: options.duration,
      overallRate: options.rate,
    });

    log("verifying every 2xx against the database …");
    // Leads are behind FORCE RLS even for the owner: count them in the system role.
    await owner.query("begin; set local role norvalt_system");
    const acknowledged = [...capacity.leadIds, ...latency.leadIds];
    const counts = await owner.query<{ leads: number; jobs: number; orphans: number; found: number }>(
      `select (select count(*)::int from leads where dealership_id = $1) as leads,
              (select count(*)::int from pgboss.job where name = 'lead.respond' and data->>'dealershipId' = $1::text) as jobs,
              (select count(*)::int from leads l where l.dealership_id = $1 and not exists
                 (select 1 from pgboss.job j where j.name = 'lead.respond' and j.data->>'leadId' = l.id::text)) as orphans,
              (select count(*)::int from leads where dealership_id = $1 and id = any($2::uuid[])) as found`,
      [dealershipId, acknowledged],
    );
    await owner.query("commit");
    await owner.end();
    const c = counts.rows[0]!;
    // Requests in flight when a phase's clock stopped may be stored without their 2xx being counted: that is not
    // a loss. A loss is a 2xx whose lead_id is not in the database.
    const lost = acknowledged.length - c.found;

    const capacityRate = capacity.twoXx / capacity.seconds;
    const offered = latency.latencies.length / latency.seconds;
    const lat = statsOf(latency.latencies);
    const cap = statsOf(capacity.latencies);
    const ms = (n: number) => n.toFixed(0);
    const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
    const rows = [
      [
        "capacity: leads/s (2xx)",
        capacityRate.toFixed(0),
        `≥ ${TARGET.leadsPerSecond}`,
        verdict(capacityRate >= TARGET.leadsPerSecond),
      ],
      ["capacity: latency p50 / p95 / p99 ms", `${ms(cap.p50)} / ${ms(cap.p95)} / ${ms(cap.p99)}`, "", ""],
      [
        "capacity: CPU ms per lead, web / worker / postgres / load generator",
        `${cpuPerLead("web")} / ${cpuPerLead("worker")} / ${cpuPerLead("postgres")} / ${cpuPerLead("load")}`,
        "",
        "",
      ],
      [`latency phase: leads/s achieved (asked ${options.rate})`, offered.toFixed(0), "", ""],
      ["latency phase: p50 ms", ms(lat.p50), "", ""],
      ["latency phase: p95 ms", ms(lat.p95), `< ${TARGET.p95Ms}`, verdict(lat.p95 < TARGET.p95Ms)],
      ["latency phase: p99 / max ms", `${ms(lat.p99)} / ${ms(lat.max)}`, "", ""],
      ["2xx responses (both phases)", String(capacity.twoXx + latency.twoXx), "", ""],
      [
        "5xx responses",
        String(capacity.fiveXx + latency.fiveXx),
        "0",
        verdict(capacity.fiveXx + latency.fiveXx === 0),
      ],
      [
        "other non-2xx",
        String(capacity.non2xx + latency.non2xx - capacity.fiveXx - latency.fiveXx),
        "0",
        verdict(capacity.non2xx + latency.non2xx === 0),
      ],
      [
        "errors / timeouts",
        `${capacity.errors + latency.errors} / ${capacity.timeouts + latency.timeouts}`,
        "0",
        verdict(capacity.errors + latency.errors + capacity.timeouts + latency.timeouts === 0),
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
    return 0;
  } catch (err) {
    console.error(`bench:ingest failed: ${describeError(err)}`);
    return 1;
  } finally {
    await stopAllProcesses(15_000);
    await db?.stop();
  }
}

// Explicit exit: an idle pg pool or timer left open by a library must not keep a finished script alive.
process.exit(await main());
