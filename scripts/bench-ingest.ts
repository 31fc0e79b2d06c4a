// npm run bench:ingest — the website-form webhook under load: production build + worker on loopback, autocannon
// with 100 connections for 30 s posting unique leads, then a check that every 2xx left exactly one lead and one
// reply job. Flags: --connections 100 --duration 30 --skip-build. Uses a throw-away Postgres (or DATABASE_URL).
import "./lib/load-env-files.ts";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { describeError } from "./lib/describe-error.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { findFreePort, waitForHealthy } from "./lib/network.ts";
import { ensureDatabase, PROJECT_ROOT, type DatabaseHandle } from "./lib/postgres.ts";
import { runToCompletion, spawnPrefixed, stopAllProcesses } from "./lib/processes.ts";

const { values: flags } = parseArgs({
  options: {
    connections: { type: "string", default: "100" },
    duration: { type: "string", default: "30" },
    "skip-build": { type: "boolean" },
  },
});
const connections = Number(flags.connections);
const duration = Number(flags.duration);
const NEXT = join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
const FORM_KEY = "bench-ingest-form";
const log = (line: string) => console.log(`[bench] ${line}`);

let db: DatabaseHandle | undefined;

async function main() {
  db = await ensureDatabase({ cluster: "test", port: 0, database: "norvalt_bench", ephemeral: true, log });
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

  const port = await findFreePort();
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: db.appUrl,
    MIGRATION_DATABASE_URL: db.ownerUrl,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    // The bench measures throughput, not the limiter: raise it for this run only.
    FORM_RATE_LIMIT_PER_FORM_PER_MINUTE: "100000000",
    NORVALT_DB_POOL_SIZE: "20",
  };
  if (!flags["skip-build"]) {
    log("next build …");
    await runToCompletion("build", process.execPath, [NEXT, "build"], env);
  }
  spawnPrefixed("web", process.execPath, [NEXT, "start", "-p", String(port), "-H", "127.0.0.1"], env);
  spawnPrefixed("worker", process.execPath, [join(PROJECT_ROOT, "jobs/runner.ts")], {
    ...env,
    LOG_LEVEL: "warn",
  });
  await waitForHealthy(`${env.APP_URL}/api/health`, 120_000);

  log(`autocannon: ${connections} connections for ${duration} s, unique leads`);
  let n = 0;
  const accepted = new Set<string>();
  let fiveHundreds = 0;
  const result = await autocannon({
    url: `${env.APP_URL}/api/webhooks/form/${FORM_KEY}`,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (req) => {
          const i = n++;
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
          if (status >= 500) fiveHundreds++;
          if (status >= 200 && status < 300) accepted.add(JSON.parse(body).lead_id);
        },
      },
    ],
  });

  // Leads are behind FORCE RLS even for the owner: count them in the system role.
  await owner.query("begin; set local role norvalt_system");
  const counts = await owner.query<{ leads: number; jobs: number; orphans: number; acknowledged: number }>(
    `select (select count(*)::int from leads where dealership_id = $1) as leads,
            (select count(*)::int from pgboss.job where name = 'lead.respond' and data->>'dealershipId' = $1::text) as jobs,
            (select count(*)::int from leads l where l.dealership_id = $1 and not exists
               (select 1 from pgboss.job j where j.name = 'lead.respond' and j.data->>'leadId' = l.id::text)) as orphans,
            (select count(*)::int from leads where dealership_id = $1 and id = any($2::uuid[])) as acknowledged`,
    [dealershipId, [...accepted]],
  );
  await owner.query("commit");
  await owner.end();
  const c = counts.rows[0]!;
  const twoXx = result["2xx"];
  // Requests still in flight when the clock stopped may be stored without their 2xx being counted: that is
  // not a loss. A loss is a 2xx whose lead_id is not in the database.
  const lost = accepted.size - c.acknowledged;
  const rows = [
    ["requests/s (avg)", result.requests.average.toFixed(0), "≥ 300", result.requests.average >= 300],
    ["latency p50 ms", String(result.latency.p50), "", true],
    ["latency p90 ms", String(result.latency.p90), "", true],
    ["latency p97.5 ms (≥ p95)", String(result.latency.p97_5), "< 50", result.latency.p97_5 < 50],
    ["latency p99 ms", String(result.latency.p99), "", true],
    ["2xx responses", String(twoXx), "", true],
    ["non-2xx / 5xx", `${result.non2xx} / ${fiveHundreds}`, "0 5xx", fiveHundreds === 0],
    [
      "errors / timeouts",
      `${result.errors} / ${result.timeouts}`,
      "0",
      result.errors + result.timeouts === 0,
    ],
    [
      "2xx lead ids found in the database",
      `${c.acknowledged} / ${accepted.size}`,
      "all",
      c.acknowledged === accepted.size,
    ],
    ["leads stored (incl. in flight at stop)", String(c.leads), "", true],
    ["reply jobs", String(c.jobs), "= leads", c.jobs === c.leads],
    ["leads without a job", String(c.orphans), "0", c.orphans === 0],
    ["lost (2xx without a lead)", String(lost), "0", lost === 0],
  ] as const;
  console.log("\nmetric                              value        target    result");
  console.log("──────────────────────────────────  ───────────  ────────  ──────");
  for (const [metric, value, target, ok] of rows) {
    console.log(
      `${metric.padEnd(34)}  ${value.padStart(11)}  ${target.padEnd(8)}  ${target ? (ok ? "PASS" : "FAIL") : ""}`,
    );
  }
}

let code = 0;
try {
  await main();
} catch (err) {
  console.error(`bench:ingest failed: ${describeError(err)}`);
  code = 1;
} finally {
  await stopAllProcesses(15_000);
  await db?.stop();
}
process.exit(code);
