// npm run bench:email [-- --backlog 1000 --intake 300 --rate 20 --size 50 --skip-build]
//
// E-mail intake under load, on a production build with its worker and a throw-away Postgres, no AI key (the
// built-in classifier). The e-mails are the .eml fixtures (tests/fixtures/emails, replies left out) posted as
// SendGrid Inbound Parse sends them (parsed mode, multipart), padded with an attachment to --size KB, each with
// its own Message-ID and customer address.
//   1. Backlog: --backlog e-mails posted 4 at a time while the worker is stopped; then the worker starts and
//      works through them. Throughput = e-mails processed per second (first to last processed_at).
//   2. Intake: --intake e-mails at --rate per second with the worker running; webhook p50/p95/p99.
// Targets: intake p95 < 100 ms with a 50 KB body; processing ≥ 50 e-mails/s. Exits 0 once it has measured.
import "./lib/load-env-files.ts";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import type { InboundMessage } from "../lib/inbound-email/inbound-message.ts";
import { readMimeMessage } from "../lib/inbound-email/read-mime-message.ts";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { parseFlags, parseOptionsOrUsage, positiveInt } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import {
  formatTopStatements,
  insertBenchDealership,
  queryAsSystem,
  startBenchDatabase,
} from "./lib/bench-dealership.ts";
import { PROJECT_ROOT, type DatabaseHandle } from "./lib/postgres.ts";
import { stopAllProcesses, stopOnInterrupt } from "./lib/processes.ts";
import { makeBenchAppEnv, startBenchApp } from "./lib/start-bench-app.ts";

const INTAKE_TARGET_P95_MS = 100;
const THROUGHPUT_TARGET = 50;
const BACKLOG_CONCURRENCY = 4;
const WARMUP = 20;
const DRAIN_TIMEOUT_MS = 5 * 60_000;
const FIXTURES = join(PROJECT_ROOT, "tests/fixtures/emails");
const BOUNDARY = "xYzZY";
const log = (line: string) => console.log(`[bench] ${line}`);

const USAGE = `Usage: npm run bench:email [-- options]

Options:
  --backlog <n>   e-mails queued with the worker stopped, then processed (default 1000)
  --intake <n>    e-mails posted at --rate with the worker running, for webhook latency (default 300)
  --rate <n>      e-mails per second in the intake phase (default 20)
  --size <kb>     size of each request body in KB (default 50)
  --skip-build    reuse the existing .next build
  -h, --help      show this help`;

function parseOptions() {
  const { values } = parseFlags({
    options: {
      backlog: { type: "string" },
      intake: { type: "string" },
      rate: { type: "string" },
      size: { type: "string" },
      "skip-build": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  return {
    backlog: positiveInt("backlog", values.backlog, 1_000, { max: 100_000 }),
    intake: positiveInt("intake", values.intake, 300, { max: 100_000 }),
    rate: positiveInt("rate", values.rate, 20, { max: 1_000 }),
    sizeKb: positiveInt("size", values.size, 50, { min: 4, max: 30_000 }),
    skipBuild: Boolean(values["skip-build"]),
  };
}

/** The fixtures as read by the intake itself (replies need a live token, so they are left out). */
async function loadTemplates(): Promise<InboundMessage[]> {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".eml") && !f.startsWith("reply-"));
  return Promise.all(files.map((f) => readMimeMessage(readFileSync(join(FIXTURES, f)))));
}

/** A SendGrid parsed-mode request body for `template`, made unique by `n` and padded to `sizeBytes`. */
function buildRequestBody(template: InboundMessage, n: number, to: string, sizeBytes: number): Buffer {
  // Each copy its own customer: otherwise ingestLead merges them all into one lead per fixture.
  const unique = (text: string) => text.replace(/([a-z0-9._-]+)@(example\.no|gmail\.com)/gi, `$1+b${n}@$2`);
  const messageId = `<bench-${n}-${process.pid}@bench.example.no>`;
  const headers = Object.entries(template.headers)
    .filter(([name]) => !["message-id", "to", "content-type", "content-transfer-encoding"].includes(name))
    .flatMap(([name, values]) => values.map((v) => `${name}: ${unique(v)}`));
  headers.push(`Message-ID: ${messageId}`, `To: ${to}`);
  const from = template.from ? `${template.from.name ?? ""} <${unique(template.from.address)}>`.trim() : "";
  const fields: [string, string][] = [
    ["headers", headers.join("\n")],
    ["dkim", "{@example.no : pass}"],
    ["to", to],
    ["from", from],
    ["subject", template.subject],
    ["text", unique(template.text)],
    ...(template.html ? ([["html", unique(template.html)]] as [string, string][]) : []),
    ["sender_ip", "192.0.2.10"],
    ["envelope", JSON.stringify({ to: [to], from: template.from?.address ?? "" })],
    [
      "charsets",
      JSON.stringify({ to: "UTF-8", from: "UTF-8", subject: "UTF-8", text: "utf-8", html: "utf-8" }),
    ],
    ["SPF", "pass"],
    ["attachments", "1"],
    [
      "attachment-info",
      JSON.stringify({ attachment1: { filename: "vedlegg.pdf", type: "application/pdf" } }),
    ],
  ];
  const head = Buffer.from(
    fields
      .map(
        ([name, value]) =>
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachment1"; filename="vedlegg.pdf"\r\n` +
      "Content-Type: application/pdf\r\n\r\n",
    "utf8",
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const padding = Buffer.alloc(Math.max(0, sizeBytes - head.length - tail.length), 0x25);
  return Buffer.concat([head, padding, tail]);
}

let db: DatabaseHandle | undefined;
stopOnInterrupt(() => db?.stop());

async function main(): Promise<number> {
  const options = parseOptionsOrUsage(parseOptions, USAGE);
  if ("exitCode" in options) return options.exitCode;
  const templates = await loadTemplates();
  let owner: pg.Client | undefined;
  try {
    ({ db, owner } = await startBenchDatabase("norvalt_bench_email", log));
    const asSystem = <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
      queryAsSystem<R>(owner!, text, values);
    const dealership = await insertBenchDealership(owner, "bench-email", {
      inbound_email_local_part: "bench-email",
    });

    const env = await makeBenchAppEnv(db, { ANTHROPIC_API_KEY: "" });
    const { readCpu, startWorker } = await startBenchApp({
      env,
      skipBuild: options.skipBuild,
      deferWorker: true,
      log,
    });
    const url = `${env.APP_URL}/api/webhooks/email/inbound/${dealership.inboundEmailSecret}`;
    const to = "bench-email@svar.norvalt.no";
    const sizeBytes = options.sizeKb * 1024;
    let n = 0;
    const nextBody = () => buildRequestBody(templates[n % templates.length]!, n++, to, sizeBytes);
    const post = async (body: Buffer) => {
      const t0 = performance.now();
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
        body: new Uint8Array(body),
      });
      await res.arrayBuffer();
      return { ms: performance.now() - t0, status: res.status };
    };
    const countUnprocessed = async () =>
      (
        await asSystem<{ n: number }>(
          "select count(*)::int as n from emails where processing_status in ('pending', 'processing')",
        )
      )[0]!.n;

    // Warm-up (not measured): compiles the route, warms the JIT, the pools and the statement cache.
    for (let i = 0; i < WARMUP; i++) await post(nextBody());

    // 1. Backlog with the worker stopped (intake under a burst), then processing throughput.
    log(
      `backlog: ${options.backlog} e-mails of ${options.sizeKb} KB, ${BACKLOG_CONCURRENCY} at a time, worker stopped`,
    );
    const bodies = Array.from({ length: options.backlog }, nextBody);
    const burstMs: number[] = [];
    let non200 = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: BACKLOG_CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const { ms, status } = await post(body);
          burstMs.push(ms);
          if (status !== 200) non200++;
          if (burstMs.length % 50 === 0)
            process.stdout.write(`\r[bench] ${burstMs.length}/${bodies.length} posted …`);
        }
      }),
    );
    process.stdout.write("\n");
    const queued = await countUnprocessed();
    log(`${queued} e-mails waiting; starting the worker`);
    const cpuBefore = readCpu();
    startWorker();
    const drainStarted = performance.now();
    for (let left = queued; left > 0 && performance.now() - drainStarted < DRAIN_TIMEOUT_MS;) {
      await new Promise((r) => setTimeout(r, 250));
      left = await countUnprocessed();
      process.stdout.write(`\r[bench] ${queued - left}/${queued} processed …`);
    }
    process.stdout.write("\n");
    const cpuAfter = readCpu();
    const [span] = await asSystem<{ processed: number; seconds: number }>(
      `select count(*)::int as processed,
              extract(epoch from max(processed_at) - min(processed_at))::float8 as seconds
         from emails where processing_status not in ('pending', 'processing') and processed_at is not null`,
    );
    const outcomes = await asSystem<{ outcome: string; n: number }>(
      `select processing_status || coalesce(' ' || classification, '') as outcome, count(*)::int as n
         from emails group by 1 order by 2 desc`,
    );
    const [leadCount] = await asSystem<{ n: number }>("select count(*)::int as n from leads");
    console.log(await formatTopStatements(owner));
    const throughput = (span!.processed - 1) / Math.max(0.001, span!.seconds);
    const cpuPerEmail = (key: "web" | "worker" | "postgres") =>
      ((cpuAfter[key] - cpuBefore[key]) / Math.max(1, queued)).toFixed(1);

    // 2. Intake latency at a steady rate with the worker running (it also answers the leads).
    log(`intake: ${options.intake} e-mails at ${options.rate}/s with the worker running`);
    const intakeMs: number[] = [];
    const started = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < options.intake; i++) {
      const wait = started + (i * 1000) / options.rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const body = nextBody();
      inflight.push(
        post(body).then(({ ms, status }) => {
          intakeMs.push(ms);
          if (status !== 200) non200++;
        }),
      );
      if ((i + 1) % 20 === 0) process.stdout.write(`\r[bench] ${i + 1}/${options.intake} posted …`);
    }
    await Promise.all(inflight);
    process.stdout.write("\n");

    const burst = statsOf(burstMs);
    const intake = statsOf(intakeMs);
    const fmt = (s: ReturnType<typeof statsOf>) =>
      `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.p99.toFixed(0)}`;
    console.log(
      "\n" +
        formatTable(
          ["metric", "value"],
          [
            [
              "request body",
              `${options.sizeKb} KB SendGrid parsed-mode multipart, ${templates.length} fixtures`,
            ],
            ["webhook non-200", String(non200)],
            [`backlog intake p50 / p95 / p99 ms (${BACKLOG_CONCURRENCY} at a time, no worker)`, fmt(burst)],
            ["backlog processed", `${span!.processed - WARMUP} of ${options.backlog} (+${WARMUP} warm-up)`],
            ["outcomes", outcomes.map((o) => `${o.outcome} ${o.n}`).join(", ")],
            ["leads created", String(leadCount!.n)],
            ["processing throughput", `${throughput.toFixed(1)} e-mails/s`],
            [
              "CPU ms per e-mail web / worker / pg (drain)",
              `${cpuPerEmail("web")} / ${cpuPerEmail("worker")} / ${cpuPerEmail("postgres")}`,
            ],
            [`intake p50 / p95 / p99 ms at ${options.rate}/s, worker running`, fmt(intake)],
            [
              `target: intake p95 < ${INTAKE_TARGET_P95_MS} ms`,
              intake.p95 < INTAKE_TARGET_P95_MS && non200 === 0 ? "PASS" : "FAIL",
            ],
            [
              `target: processing ≥ ${THROUGHPUT_TARGET} e-mails/s`,
              throughput >= THROUGHPUT_TARGET ? "PASS" : "FAIL",
            ],
          ],
          [false, true],
        ),
    );
    return 0;
  } catch (err) {
    console.error(`bench:email failed: ${describeError(err)}`);
    return 1;
  } finally {
    await owner?.end().catch(() => {});
    await stopAllProcesses(15_000);
    await db?.stop();
  }
}

process.exit(await main());
