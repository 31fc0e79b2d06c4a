// npm run bench:facebook [-- --leads 1000 --rate 20 --graph-latency 100 --skip-build]
//
// Meta Lead Ads under load: production build + worker on loopback (a throw-away Postgres), the Graph API replaced
// by a loopback fake (tests/fakes/graph-server.ts) with a set latency. --leads leadgen changes go to the signed
// webhook in deliveries of 1–50 changes (as Meta batches them), paced so that --rate leads per second arrive (each
// delivery is sent when its first lead is due), and one delivery in ten is sent twice (Meta's retries). Then it checks that exactly --leads leads exist, and prints the webhook's
// p50/p95/p99 and, per lead, the time from its delivery being sent to the lead being stored (fetched from Graph
// and ingested by the worker). Target: delivery → lead p95 < 1 s. Exits 0 once it has measured; a FAIL is printed.
import "./lib/load-env-files.ts";
import { createHmac, randomBytes } from "node:crypto";
import pg from "pg";
import { encryptSecret, loadEncryptionKeys } from "../lib/security/encrypt-secret.ts";
import { startFakeGraph } from "../tests/fakes/graph-server.ts";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { parseFlags, parseOptionsOrUsage, positiveInt } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import {
  formatTopStatements,
  insertBenchDealership,
  queryAsSystem,
  startBenchDatabase,
} from "./lib/bench-dealership.ts";
import type { DatabaseHandle } from "./lib/postgres.ts";
import { stopAllProcesses, stopOnInterrupt } from "./lib/processes.ts";
import { makeBenchAppEnv, startBenchApp } from "./lib/start-bench-app.ts";

const TARGET_P95_MS = 1_000;
const APP_SECRET = "bench-facebook-app-secret";
const PAGE_ID = "104857300000001";
const PAGE_TOKEN = "bench-page-token-xxxxxxxxxxxxxxxxxxxxxxxx";
const DRAIN_TIMEOUT_MS = 5 * 60_000;
const log = (line: string) => console.log(`[bench] ${line}`);

const USAGE = `Usage: npm run bench:facebook [-- options]

Options:
  --leads <n>           leadgen changes to deliver (default 1000)
  --rate <n>            leads per second, arriving in those deliveries (default 20)
  --graph-latency <ms>  latency of the fake Graph API (default 100)
  --skip-build          reuse the existing .next build
  -h, --help            show this help`;

function parseOptions() {
  const { values } = parseFlags({
    options: {
      leads: { type: "string" },
      rate: { type: "string" },
      "graph-latency": { type: "string" },
      "skip-build": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  return {
    leads: positiveInt("leads", values.leads, 1_000, { max: 100_000 }),
    rate: positiveInt("rate", values.rate, 20, { max: 1_000 }),
    graphLatencyMs: positiveInt("graph-latency", values["graph-latency"], 100, { min: 0, max: 60_000 }),
    skipBuild: Boolean(values["skip-build"]),
  };
}

/** Deterministic batch sizes 1–50 that add up to `total` (a tiny LCG: the same run every time). */
function batchSizes(total: number): number[] {
  const sizes: number[] = [];
  let seed = 42;
  let left = total;
  while (left > 0) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const size = Math.min(left, 1 + (seed % 50));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

type Sent = { body: string; leadgenIds: string[] };
const WARMUP_LEADS = 20;

/** A webhook body as Meta sends it: one entry for the Page, one `leadgen` change per lead. */
function deliveryBody(ids: string[]): string {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    object: "page",
    entry: [
      {
        id: PAGE_ID,
        time: now,
        changes: ids.map((id) => ({
          field: "leadgen",
          value: { leadgen_id: id, page_id: PAGE_ID, form_id: "form-0", created_time: now },
        })),
      },
    ],
  });
}

let db: DatabaseHandle | undefined;
stopOnInterrupt(() => db?.stop());

async function main(): Promise<number> {
  const options = parseOptionsOrUsage(parseOptions, USAGE);
  if ("exitCode" in options) return options.exitCode;

  const graph = await startFakeGraph();
  graph.setLatency(options.graphLatencyMs);
  graph.addPage({ id: PAGE_ID, name: "Bench Bil Facebook", token: PAGE_TOKEN });
  let owner: pg.Client | undefined;
  try {
    ({ db, owner } = await startBenchDatabase("norvalt_bench_facebook", log));

    const encryptionKey = randomBytes(32).toString("base64");
    const keys = loadEncryptionKeys({ NODE_ENV: "production", APP_ENCRYPTION_KEY: encryptionKey });
    const { id: dealershipId } = await insertBenchDealership(owner, "bench-facebook");
    await queryAsSystem(
      owner,
      `insert into facebook_pages (dealership_id, page_id, name, access_token_sealed) values ($1, $2, $3, $4)`,
      [dealershipId, PAGE_ID, "Bench Bil Facebook", encryptSecret(PAGE_TOKEN, PAGE_ID, keys)],
    );

    // Measured leads have ids starting with 9, the warm-up's with 8.
    const leadgenIds = Array.from({ length: options.leads }, (_, i) => `9${String(i).padStart(14, "0")}`);
    const warmupIds = Array.from({ length: WARMUP_LEADS }, (_, i) => `8${String(i).padStart(14, "0")}`);
    for (const [i, id] of [...leadgenIds, ...warmupIds].entries()) {
      graph.addLead(PAGE_ID, {
        id,
        form_id: `form-${i % 3}`,
        field_data: [
          { name: "full_name", values: [`Bench Kunde ${i}`] },
          { name: "email", values: [`facebook-${i}-${process.pid}@example.no`] },
          { name: "phone_number", values: [`+479${String(1_000_000 + i).slice(-7)}`] },
          { name: "which_car", values: ["Volkswagen ID.4"] },
        ],
      });
    }

    const env = await makeBenchAppEnv(db, {
      APP_ENCRYPTION_KEY: encryptionKey,
      FACEBOOK_APP_SECRET: APP_SECRET,
      FACEBOOK_VERIFY_TOKEN: "bench-verify",
      FACEBOOK_GRAPH_URL: graph.url,
    });
    const { readCpu } = await startBenchApp({ env, skipBuild: options.skipBuild, log });
    const url = `${env.APP_URL}/api/webhooks/facebook`;

    const post = (body: string) =>
      fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": `sha256=${createHmac("sha256", APP_SECRET).update(body).digest("hex")}`,
        },
        body,
      });
    const waitForProcessed = async (count: number) => {
      const started = performance.now();
      let stored = -1;
      while (performance.now() - started < DRAIN_TIMEOUT_MS) {
        // The owner role sees rows only as the system role.
        await owner!.query("begin; set local role norvalt_system");
        const { rows } = await owner!.query<{ n: number }>(
          "select count(*)::int as n from facebook_lead_deliveries where status = 'processed'",
        );
        await owner!.query("commit");
        if (rows[0]!.n !== stored) {
          stored = rows[0]!.n;
          process.stdout.write(`\r[bench] ${stored}/${count} leads stored …`);
        }
        if (stored >= count) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      process.stdout.write("\n");
    };

    // Warm-up (not measured): the first requests compile routes and warm the JIT and the caches.
    log(`warm-up: ${WARMUP_LEADS} leads in one delivery (not counted)`);
    await (await post(deliveryBody(warmupIds))).arrayBuffer();
    await waitForProcessed(WARMUP_LEADS);

    // The deliveries, built before the clock starts.
    const deliveries: Sent[] = [];
    let offset = 0;
    for (const size of batchSizes(options.leads)) {
      const ids = leadgenIds.slice(offset, offset + size);
      offset += size;
      deliveries.push({ body: deliveryBody(ids), leadgenIds: ids });
    }
    // Meta retries: every tenth delivery arrives twice.
    const schedule = deliveries.flatMap((d, i) => (i % 10 === 9 ? [d, d] : [d]));

    log(
      `${schedule.length} deliveries (${deliveries.length} distinct, ${options.leads} leads) at ${options.rate} leads/s`,
    );
    const sentAt = new Map<string, number>();
    const webhookMs: number[] = [];
    let non200 = 0;
    const cpuBefore = readCpu();
    const started = performance.now();
    const inflight: Promise<void>[] = [];
    let leadsDue = 0;
    for (const [i, delivery] of schedule.entries()) {
      const repeat = i > 0 && schedule[i - 1] === delivery;
      const wait = started + (leadsDue * 1000) / options.rate - performance.now();
      if (!repeat) leadsDue += delivery.leadgenIds.length;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const t0 = Date.now();
      for (const id of delivery.leadgenIds) if (!sentAt.has(id)) sentAt.set(id, t0);
      inflight.push(
        post(delivery.body).then(
          async (res) => {
            await res.arrayBuffer();
            webhookMs.push(Date.now() - t0);
            if (res.status !== 200) non200++;
          },
          () => void non200++,
        ),
      );
      process.stdout.write(`\r[bench] ${i + 1}/${schedule.length} deliveries sent …`);
    }
    await Promise.all(inflight);
    process.stdout.write("\n");

    // Wait until every lead is stored (or the drain times out).
    await waitForProcessed(WARMUP_LEADS + options.leads);
    const cpuAfter = readCpu();

    await owner.query("begin; set local role norvalt_system");
    const { rows: leadRows } = await owner.query<{ external_id: string; created_ms: number }>(
      `select external_id, (extract(epoch from created_at) * 1000)::float8 as created_ms
         from leads where dealership_id = $1 and source = 'facebook' and external_id like '9%'`,
      [dealershipId],
    );
    const { rows: deliveryRows } = await owner.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from facebook_lead_deliveries where leadgen_id like '9%'
        group by status order by status`,
    );
    await owner.query("commit");
    // Where Postgres spent its time.
    console.log(await formatTopStatements(owner));
    const distinctLeads = new Set(leadRows.map((r) => r.external_id)).size;
    const toLead = leadRows.flatMap((r) => {
      const sent = sentAt.get(r.external_id);
      return sent === undefined ? [] : [r.created_ms - sent];
    });
    const hook = statsOf(webhookMs);
    const lead = statsOf(toLead);
    const graphReads = graph.requests.filter((r) => r.path.includes(`/9`)).length;
    const cpu = (key: "web" | "worker" | "postgres") =>
      ((cpuAfter[key] - cpuBefore[key]) / Math.max(1, leadRows.length)).toFixed(1);
    const exact = leadRows.length === options.leads && distinctLeads === options.leads;
    console.log(
      "\n" +
        formatTable(
          ["metric", "value"],
          [
            [
              "deliveries sent (incl. repeats)",
              `${schedule.length} (${schedule.length - deliveries.length} repeats)`,
            ],
            ["leadgen changes", String(options.leads)],
            ["webhook non-200", String(non200)],
            ["webhook p50 / p95 / p99 ms", `${hook.p50} / ${hook.p95} / ${hook.p99}`],
            ["leads stored (distinct)", `${leadRows.length} (${distinctLeads})`],
            ["exactly one lead per leadgen_id", exact ? "yes" : "NO"],
            ["deliveries by status", deliveryRows.map((r) => `${r.status} ${r.n}`).join(", ")],
            ["Graph lead reads", String(graphReads)],
            [
              "delivery → lead p50 / p95 / p99 ms",
              `${lead.p50.toFixed(0)} / ${lead.p95.toFixed(0)} / ${lead.p99.toFixed(0)}`,
            ],
            ["CPU ms per lead web / worker / pg", `${cpu("web")} / ${cpu("worker")} / ${cpu("postgres")}`],
            [
              `target: delivery → lead p95 < ${TARGET_P95_MS} ms, exactly ${options.leads} leads`,
              exact && lead.p95 < TARGET_P95_MS && non200 === 0 ? "PASS" : "FAIL",
            ],
          ],
          [false, true],
        ),
    );
    return 0;
  } catch (err) {
    console.error(`bench:facebook failed: ${describeError(err)}`);
    return 1;
  } finally {
    await owner?.end().catch(() => {});
    await stopAllProcesses(15_000);
    await graph.close();
    await db?.stop();
  }
}

process.exit(await main());
