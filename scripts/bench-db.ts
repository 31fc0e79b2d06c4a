// npm run bench:db [-- --leads 1000000 --dealerships 200 --iterations 200]
//
// Latency of the inbox queries at scale, measured the way the app runs them: as the app role (RLS enforced),
// each call a withTenant() transaction. Seeds the scale data set first when it is missing (see db:seed).
// Target: p95 < 20 ms per query. Always exits 0 once it has measured; FAIL rows are printed, not thrown.
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { positiveInt, UsageError } from "./lib/cli-args.ts";
import "./lib/load-env-files.ts";
import { parseArgs } from "node:util";
import pg from "pg";
import { parseEnv } from "../env.ts";
import { describeError } from "./lib/describe-error.ts";
import type { DatabaseHandle } from "./lib/postgres.ts";
import { createProgressBar, SCALE_SLUG_PREFIX } from "./lib/seed-scale.ts";
import { prepareScaleSet, SCALE_SET_FLAGS, SCALE_SET_USAGE, scaleSetOptions } from "./lib/scale-set.ts";

const TARGET_P95_MS = 20;

const USAGE = `Usage: npm run bench:db [-- options]

Options:
${SCALE_SET_USAGE}
  --iterations <n>     measured runs per query (default 200)
  --warmup <n>         unmeasured runs per query first (default 10)
  -h, --help           show this help`;

function parseOptions(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ...SCALE_SET_FLAGS,
        iterations: { type: "string" },
        warmup: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return "help" as const;
  return {
    ...scaleSetOptions(values),
    iterations: positiveInt("iterations", values.iterations, 200),
    warmup: positiveInt("warmup", values.warmup, 10, { min: 0 }),
  };
}

/**
 * The lines of a plan that show how rows are found: scans with their index and index condition, sorts, rows
 * thrown away by filters, and the execution time. Costs are cut; the actual row counts stay.
 */
function planSummary(plan: string[]): string[] {
  const wanted =
    /\b(Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan|Seq Scan)\b|^(Index Cond|Sort Key|Sort Method|Rows Removed by Filter|Execution Time)/;
  return plan
    .map((l) => l.trim().replace(/^->\s*/, ""))
    .filter((l) => wanted.test(l))
    .map((l) =>
      l
        .replace(/\s+\(cost=[^)]*\)/, "")
        .replace(/\(actual time=[\d.]+\.\.[\d.]+ /, "(")
        .replace(/'[0-9a-f-]{36}'::uuid/g, "<id>"),
    );
}

/** Warnings when a plan stops using the indexes the inbox relies on, so a regression is visible in the output. */
function planNotes(plan: string[]): string[] {
  const text = plan.join("\n");
  const notes: string[] = [];
  if (/top-N heapsort/.test(text)) {
    notes.push("⚠ the plan sorts the tenant's rows before LIMIT: no index delivers the ORDER BY order");
  }
  if (/Filter: .*\(status = /.test(text) && !/Index Cond: .*status/.test(text)) {
    notes.push(
      "⚠ status is a Filter, not an Index Cond (under RLS only leakproof operators reach the index)",
    );
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let options: Exclude<ReturnType<typeof parseOptions>, "help">;
  try {
    const parsed = parseOptions(process.argv.slice(2));
    if (parsed === "help") {
      console.log(USAGE);
      return 0;
    }
    options = parsed;
  } catch (err) {
    console.error(`bench:db: ${(err as Error).message}\n\n${USAGE}`);
    return 1;
  }

  let db: DatabaseHandle | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  try {
    // parseEnv, not getEnv: getEnv caches, and DATABASE_URL is only known once the database is up.
    const env = parseEnv(process.env);
    process.env.NORVALT_PROCESS_NAME ??= "norvalt-bench";
    db = await prepareScaleSet({ cluster: "main", port: env.NORVALT_PG_PORT, database: "norvalt" }, options);

    // From here on everything runs as the app role, through the app's own code paths.
    process.env.DATABASE_URL = db.appUrl;
    const client = await import("../lib/db/client.ts");
    closeDb = client.closeDb;
    const { withSystem, withTenant } = await import("../lib/db/tenant.ts");
    const { findLeads, countLeads } = await import("../lib/leads/find-leads.ts");
    const { createRng } = await import("./lib/seed-demo.ts");
    const { LEAD_STATUSES } = await import("../db/schema/enums.ts");
    const { sql } = await import("drizzle-orm");
    const { drizzle } = await import("drizzle-orm/node-postgres");

    const [role] = (
      await client.getPool().query<{
        user: string;
        rolsuper: boolean;
        rolbypassrls: boolean;
        version: string;
        shared_buffers: string;
      }>(
        `select current_user as user, rolsuper, rolbypassrls, current_setting('server_version') as version,
                current_setting('shared_buffers') as shared_buffers
         from pg_roles where rolname = current_user`,
      )
    ).rows;
    const rls =
      role && !role.rolsuper && !role.rolbypassrls ? "RLS enforced" : "⚠ RLS BYPASSED (superuser/BYPASSRLS)";

    const scale = await withSystem(async (tx) => {
      const ids = await tx.execute<{ id: string }>(
        sql`select id from dealerships where slug like ${SCALE_SLUG_PREFIX + "%"} order by slug`,
      );
      const [counts] = (
        await tx.execute<{ leads: number }>(
          sql`select count(*)::int as leads from leads l join dealerships d on d.id = l.dealership_id
              where d.slug like ${SCALE_SLUG_PREFIX + "%"}`,
        )
      ).rows;
      return { ids: ids.rows.map((r) => r.id), leads: counts?.leads ?? 0 };
    });
    if (scale.ids.length === 0) throw new Error("no scale dealerships found after seeding");

    const rng = createRng(4711);
    const statuses = LEAD_STATUSES;
    const iterations = options.iterations;
    const perDealership = Math.floor(scale.leads / scale.ids.length);

    // Everything random is drawn up front, so the timed loop only runs the queries.
    // Emails are sampled from real rows of the chosen dealership (anywhere in its newest ~5000 leads).
    type Job = { dealershipId: string; status: (typeof statuses)[number]; email: string; surname: string };
    const plan: Job[] = [];
    for (let i = 0; i < options.warmup + iterations; i++) {
      const dealershipId = rng.pick(scale.ids);
      const offset = rng.int(0, Math.max(0, Math.min(perDealership, 5000) - 1));
      const row = await withTenant(dealershipId, async (tx) => {
        const r = await tx.execute<{ email: string; name: string }>(
          sql`select email_normalized as email, customer_name as name from leads where dealership_id = ${dealershipId}
              and email_normalized is not null order by created_at desc offset ${offset} limit 1`,
        );
        return r.rows[0];
      });
      if (!row) throw new Error(`no lead with an e-mail found for dealership ${dealershipId}`);
      plan.push({
        dealershipId,
        status: rng.pick(statuses),
        email: row.email,
        surname: row.name.split(" ").at(-1)!.toLowerCase(),
      });
    }

    type QueryName = "a" | "b" | "c" | "d" | "e";
    const queries: Record<QueryName, { label: string; run: (job: Job) => Promise<number> }> = {
      a: {
        label: "(a) inbox, status filter, 25 rows",
        run: (j) =>
          withTenant(j.dealershipId, (tx) => findLeads(tx, { status: j.status, limit: 25 })).then(
            (r) => r.length,
          ),
      },
      b: {
        label: "(b) inbox first page, no filter",
        run: (j) => withTenant(j.dealershipId, (tx) => findLeads(tx, { limit: 25 })).then((r) => r.length),
      },
      c: {
        label: "(c) search by e-mail",
        run: (j) =>
          withTenant(j.dealershipId, (tx) => findLeads(tx, { email: j.email })).then((r) => r.length),
      },
      d: {
        label: "(d) countLeads by status",
        run: (j) => withTenant(j.dealershipId, (tx) => countLeads(tx, { status: j.status })),
      },
      e: {
        label: "(e) inbox search by surname, 25 rows",
        run: (j) =>
          withTenant(j.dealershipId, (tx) => findLeads(tx, { search: j.surname, limit: 25 })).then(
            (r) => r.length,
          ),
      },
    };
    const names = Object.keys(queries) as QueryName[];
    const samples: Record<QueryName, number[]> = { a: [], b: [], c: [], d: [], e: [] };
    let emailMisses = 0;

    console.log(
      `\nBenchmark as ${role?.user ?? "?"} (${rls}), Postgres ${role?.version ?? "?"}, shared_buffers ${role?.shared_buffers ?? "?"}: ` +
        `${scale.ids.length} scale dealerships, ${scale.leads} leads (~${perDealership} per dealership), ` +
        `${options.warmup} warm-up + ${iterations} measured runs per query.`,
    );
    const bar = createProgressBar(iterations, "iterations");
    for (let i = 0; i < plan.length; i++) {
      const job = plan[i]!;
      const measured = i >= options.warmup;
      // A different order each iteration, so no query always runs on caches warmed by another.
      const order = [...names].sort(() => rng.next() - 0.5);
      for (const name of order) {
        const started = performance.now();
        const result = await queries[name].run(job);
        const ms = performance.now() - started;
        if (measured) samples[name].push(ms);
        if (name === "c" && result === 0) emailMisses++;
      }
      if (measured && ((i - options.warmup) % 10 === 9 || i === plan.length - 1))
        bar.update(i - options.warmup + 1);
    }
    bar.finish(iterations);
    if (emailMisses > 0)
      console.log(`⚠ e-mail search found nothing ${emailMisses} times (expected at least one row)`);

    const rows = names.map((name) => {
      const s = statsOf(samples[name]);
      const pass = s.p95 < TARGET_P95_MS;
      return [
        queries[name].label,
        String(s.n),
        s.p50.toFixed(2),
        s.p95.toFixed(2),
        s.p99.toFixed(2),
        s.max.toFixed(2),
        `p95 < ${TARGET_P95_MS} ms`,
        pass ? "PASS" : "FAIL ✗",
      ];
    });
    console.log(
      "\n" +
        formatTable(["query", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "target", "result"], rows, [
          false,
          true,
          true,
          true,
          true,
          true,
          false,
          false,
        ]),
    );
    const failed = rows.filter((r) => r[7] !== "PASS").length;
    console.log(
      failed === 0
        ? `\nAll ${rows.length} queries meet the target (p95 < ${TARGET_P95_MS} ms). Times include BEGIN, set_config and COMMIT.`
        : `\n✗ ${failed} of ${rows.length} queries MISS the target (p95 < ${TARGET_P95_MS} ms). Times include BEGIN, set_config and COMMIT.`,
    );

    // Query plans, as the app role, for the SQL Drizzle actually generates.
    const explainClient = new pg.Client({
      connectionString: db.appUrl,
      application_name: "norvalt-bench-explain",
    });
    await explainClient.connect();
    try {
      const captured: { text: string; params: unknown[] }[] = [];
      const capture = drizzle(explainClient, {
        schema: client.schema,
        logger: { logQuery: (text, params) => void captured.push({ text, params }) },
      });
      const job = plan[plan.length - 1]!;
      const explain = async (
        label: string,
        build: (tx: Parameters<typeof findLeads>[0]) => Promise<unknown>,
      ) => {
        captured.length = 0;
        await capture.transaction(async (tx) => {
          await tx.execute(sql`select set_config('app.dealership_id', ${job.dealershipId}, true)`);
          await build(Object.assign(tx, { dealershipId: job.dealershipId }));
        });
        const query = captured.find((q) => /from "leads"/i.test(q.text));
        if (!query) throw new Error(`could not capture the SQL of ${label}`);
        await explainClient.query("BEGIN");
        try {
          await explainClient.query("select set_config('app.dealership_id', $1, true)", [job.dealershipId]);
          const res = await explainClient.query<{ "QUERY PLAN": string }>(
            `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`,
            query.params,
          );
          const lines = res.rows.map((r) => r["QUERY PLAN"]);
          console.log(`\n${label}\n  SQL: ${query.text}\n  plan:  ${lines[0]}`);
          for (const l of planSummary(lines)) console.log(`         ${l}`);
          for (const n of planNotes(lines)) console.log(`  ${n}`);
        } finally {
          await explainClient.query("COMMIT");
        }
      };
      console.log("\nEXPLAIN (ANALYZE, BUFFERS) as the app role, for one dealership:");
      await explain(`(a) inbox, status = '${job.status}'`, (tx) =>
        findLeads(tx, { status: job.status, limit: 25 }),
      );
      await explain("(b) inbox first page, no filter", (tx) => findLeads(tx, { limit: 25 }));
      await explain(`(c) search by e-mail (${job.email})`, (tx) => findLeads(tx, { email: job.email }));
      await explain(`(d) countLeads, status = '${job.status}'`, (tx) =>
        countLeads(tx, { status: job.status }),
      );
      await explain(`(e) inbox search by surname (${job.surname})`, (tx) =>
        findLeads(tx, { search: job.surname, limit: 25 }),
      );
    } finally {
      await explainClient.end();
    }
    return 0;
  } catch (err) {
    console.error(`\nbench:db failed: ${describeError(err)}`);
    return 1;
  } finally {
    await closeDb?.().catch((err: Error) => console.error(`closing the db pool: ${err.message}`));
    await db?.stop().catch((err: Error) => console.error(`stopping Postgres: ${err.message}`));
  }
}

// Explicit exit: an idle pg pool or timer left open by a library must not keep a finished script alive.
process.exit(await main());
