// npm run bench:followups [-- --follow-ups 100000 --dealerships 200 --rate 5 --duration 30 --drain-seconds 120
//                            --per-job --skip-build]
//
// Issue 19: N follow-ups due at the same minute across D dealerships (open around the clock), drained by the
// production worker, e-mail to the outbox. Two ways to schedule them, the same drain:
//   default    the due-time table: rows `scheduled`, claimed by the followup.sweep cron (every minute) into
//              followup.send jobs (what the product does);
//   --per-job  the alternative: one pg-boss followup.send job per follow-up, inserted when it is planned with
//              `startAfter` = its due time (rows `queued`, so the sweep leaves them alone); "the minute arrives" is
//              one update of the jobs' start_after.
// Seeding is bulk (one statement per dealership; the per-job variant's jobs through pg-boss `insert` in batches),
// and the drain is measured for --drain-seconds after the first follow-up goes out (0: until every one is sent),
// so the full 100,000 runs in a few minutes. Measured: the scheduling cost (ms per 1,000 follow-ups planned), the
// wait from due to first sent, the drain rate (sent per second, first to last), the projected time for all N, and
// the first-reply latency (lead accepted → e-mail handed to the transport) p95 for website leads posted at --rate
// while the drain runs, beside the same figure before it (nothing due) in the same run. Target: during ≤ before
// + 20 %. Always exits 0 once it has measured; a FAIL row is printed, not thrown.
import "./lib/load-env-files.ts";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { parseFlags, parseOptionsOrUsage, UsageError } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import { makeBenchAppEnv, startBenchApp } from "./lib/start-bench-app.ts";
import { insertBenchDealership, queryAsSystem, startBenchDatabase } from "./lib/bench-dealership.ts";
import type { DatabaseHandle } from "./lib/postgres.ts";
import { stopAllProcesses, stopOnInterrupt } from "./lib/processes.ts";

const log = (line: string) => console.log(`[bench] ${line}`);
const FORM_KEY = "bench-followups-form";
const DRAIN_TIMEOUT_MS = 60 * 60_000;

const USAGE = `Usage: npm run bench:followups [-- options]

Options:
  --follow-ups <n>     follow-ups due at the same minute (default 100000)
  --dealerships <n>    dealerships they are spread over (default 200)
  --rate <n>           website leads per second posted before and during the drain (default 5)
  --duration <s>       seconds of leads per measurement (default 30)
  --drain-seconds <s>  seconds the drain is measured after the first send (default 120; 0 = until all are sent)
  --per-job            schedule one pg-boss job per follow-up (startAfter) instead of the swept due-time table
  --skip-build         reuse the existing .next build
  -h, --help           show this help`;

function positive(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${name} must be 1–${max}, got "${value}"`);
  return n;
}

function parseOptions() {
  const { values } = parseFlags({
    options: {
      "follow-ups": { type: "string", default: "100000" },
      dealerships: { type: "string", default: "200" },
      rate: { type: "string", default: "5" },
      duration: { type: "string", default: "30" },
      "drain-seconds": { type: "string", default: "120" },
      "per-job": { type: "boolean" },
      "skip-build": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  return {
    followUps: positive("follow-ups", values["follow-ups"]!, 1_000_000),
    dealerships: positive("dealerships", values.dealerships!, 10_000),
    rate: positive("rate", values.rate!, 200),
    duration: positive("duration", values.duration!, 3_600),
    drainSeconds:
      values["drain-seconds"] === "0" ? 0 : positive("drain-seconds", values["drain-seconds"]!, 86_400),
    perJob: Boolean(values["per-job"]),
    skipBuild: Boolean(values["skip-build"]),
  };
}

/** Leads 1/rate s apart for `seconds` (open loop). */
async function postLeads(url: string, rate: number, seconds: number, tag: string) {
  const total = rate * seconds;
  const started = performance.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: `Bench ${i}`,
          email: `fu-${tag}-${i}-${process.pid}@example.no`,
          message: "Hei!",
        }),
      }).catch(() => undefined),
    );
  }
  await Promise.all(inflight);
  return total;
}

/** First-reply latencies (ms) of this tag's leads, once every one is answered (or the timeout). */
async function firstReplyTimings(owner: pg.Client, dealershipId: string, tag: string, expected: number) {
  const started = performance.now();
  for (;;) {
    const rows = await queryAsSystem<{ ms: number | null }>(
      owner,
      `select (extract(epoch from (o.created_at - l.created_at)) * 1000)::float8 as ms
         from leads l left join outbox_messages o on o.lead_id = l.id and o.channel = 'email'
        where l.dealership_id = $1 and l.customer_email like $2`,
      [dealershipId, `fu-${tag}-%`],
    );
    const answered = rows.filter((r) => r.ms !== null).map((r) => r.ms!);
    if ((rows.length >= expected && answered.length === rows.length) || performance.now() - started > 300_000)
      return answered;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Seeds `perDealership` contacted leads with one follow-up each per dealership, held a day ahead until the bench
 * releases them all at once: `scheduled` for the sweep, or `queued` (with their ids) for the per-job variant.
 */
async function seedDueFollowUps(
  owner: pg.Client,
  dealershipIds: string[],
  perDealership: number,
  status: "scheduled" | "queued",
  onRows: (rows: { id: string; dealership_id: string }[]) => Promise<void> = async () => {},
) {
  for (const [i, id] of dealershipIds.entries()) {
    const rows = await queryAsSystem<{ id: string; dealership_id: string }>(
      owner,
      `with l as (
         insert into leads (dealership_id, source, status, customer_name, customer_email, email_normalized, initial_message, created_at)
         select $1, 'website', 'contacted', 'Kunde ' || g, 'kunde-' || g || '-' || $3 || '@example.no',
                'kunde-' || g || '-' || $3 || '@example.no', 'Hei, er bilen ledig?', now() - interval '4 days'
           from generate_series(1, $2) g returning id)
       insert into follow_ups (dealership_id, lead_id, kind, step, channel, status, due_at, consent_basis, created_at)
       select $1, l.id, 'message', 1, 'email', $4, now() + interval '1 day', 'service_inquiry',
              now() - interval '3 days'
         from l
       returning id, dealership_id`,
      [id, perDealership, i, status],
    );
    await onRows(rows);
  }
}

/** The per-job variant's jobs: pg-boss `insert` (what planning would call), held until `release`. */
async function insertFollowUpJobs(ownerUrl: string) {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: "pgboss",
    max: 2,
    migrate: false,
    createSchema: false,
    supervise: false,
    schedule: false,
  });
  boss.on("error", (err) => log(`pg-boss: ${describeError(err)}`));
  await boss.start();
  const hold = new Date(Date.now() + 24 * 3_600_000);
  return {
    insert: async (rows: { id: string; dealership_id: string }[]) => {
      for (let i = 0; i < rows.length; i += 5_000)
        await boss.insert(
          "followup.send",
          rows.slice(i, i + 5_000).map((r) => ({
            data: { followUpId: r.id, dealershipId: r.dealership_id },
            startAfter: hold,
          })),
        );
    },
    stop: () => boss.stop({ graceful: false }),
  };
}

/** Sent / still open among the seeded follow-ups (the bench's own leads plan theirs days ahead). */
async function drainState(owner: pg.Client) {
  const [row] = await queryAsSystem<{ open: number; sent: number }>(
    owner,
    `select count(*) filter (where status in ('scheduled', 'queued', 'drafting', 'sending') and due_at <= now())::int as open,
            count(*) filter (where status = 'sent')::int as sent from follow_ups where kind = 'message'`,
  );
  return row!;
}

let db: DatabaseHandle | undefined;
stopOnInterrupt(() => db?.stop());

async function main(): Promise<number> {
  const options = parseOptionsOrUsage(parseOptions, USAGE);
  if ("exitCode" in options) return options.exitCode;
  let owner: pg.Client | undefined;
  try {
    ({ db, owner } = await startBenchDatabase("norvalt_bench_followups", log));
    const { id: leadShop } = await insertBenchDealership(owner, "bench-followups", { form_key: FORM_KEY });
    const shops: string[] = [];
    for (let i = 0; i < options.dealerships; i++)
      shops.push((await insertBenchDealership(owner, `bench-fu-${i}`)).id);

    const env = await makeBenchAppEnv(db, { FORM_RATE_LIMIT_PER_FORM_PER_MINUTE: "100000000" });
    await startBenchApp({ env, skipBuild: options.skipBuild, log });
    const url = `${env.APP_URL}/api/webhooks/form/${FORM_KEY}`;

    // Unmeasured: the first leads pay for the processes' warm-up (compilation, connections, statement caches).
    log(`warm-up: ${options.rate} leads/s for 5 s`);
    await firstReplyTimings(owner, leadShop, "warmup", await postLeads(url, options.rate, 5, "warmup"));
    log(`before the drain: ${options.rate} leads/s for ${options.duration} s`);
    const before = await firstReplyTimings(
      owner,
      leadShop,
      "before",
      await postLeads(url, options.rate, options.duration, "before"),
    );

    const perShop = Math.ceil(options.followUps / options.dealerships);
    const seeded = perShop * options.dealerships;
    const mode = options.perJob ? "one pg-boss job per follow-up (startAfter)" : "due-time table + sweep";
    log(`seeding ${seeded} follow-ups due now across ${options.dealerships} dealerships (${mode}) …`);
    const seedStarted = performance.now();
    let jobsMs = 0;
    if (options.perJob) {
      const jobs = await insertFollowUpJobs(db.ownerUrl);
      await seedDueFollowUps(owner, shops, perShop, "queued", async (rows) => {
        const t = performance.now();
        await jobs.insert(rows);
        jobsMs += performance.now() - t;
      });
      await jobs.stop();
    } else {
      await seedDueFollowUps(owner, shops, perShop, "scheduled");
    }
    const seedMs = performance.now() - seedStarted;
    await owner.query("analyze");
    // The minute arrives: every seeded row is due (the sweep finds them on its next run); the per-job variant's
    // jobs become fetchable.
    const released = performance.now();
    await queryAsSystem(
      owner,
      `update follow_ups set due_at = date_trunc('minute', now()) - interval '1 minute'
        where dealership_id <> $1 and kind = 'message'`,
      [leadShop],
    );
    if (options.perJob)
      await owner.query(
        `update pgboss.job set start_after = now() where name = 'followup.send' and state = 'created'`,
      );
    while ((await drainState(owner)).sent === 0 && performance.now() - released < 180_000)
      await new Promise((r) => setTimeout(r, 500));
    const firstSentAfter = (performance.now() - released) / 1000;

    log(`during the drain: ${options.rate} leads/s for ${options.duration} s`);
    const during = await firstReplyTimings(
      owner,
      leadShop,
      "during",
      await postLeads(url, options.rate, options.duration, "during"),
    );

    const drainUntil =
      released +
      firstSentAfter * 1000 +
      (options.drainSeconds ? options.drainSeconds * 1000 : DRAIN_TIMEOUT_MS);
    let sent = 0;
    while (performance.now() < drainUntil) {
      const state = await drainState(owner);
      sent = state.sent;
      process.stdout.write(`\r[bench] drain: ${sent}/${seeded} sent …`);
      if (state.open === 0) break;
      await new Promise((r) => setTimeout(r, 2_000));
    }
    process.stdout.write("\n");
    const [span] = await queryAsSystem<{ seconds: number; sent: number }>(
      owner,
      `select extract(epoch from max(sent_at) - min(sent_at))::float8 as seconds, count(*)::int as sent
         from follow_ups where status = 'sent' and kind = 'message'`,
    );
    sent = span!.sent;
    const drainRate = sent / Math.max(0.001, span!.seconds);
    const b = statsOf(before);
    const d = statsOf(during);
    const ok = d.p95 <= b.p95 * 1.2;
    console.log(
      formatTable(
        ["figure", "value", "target"],
        [
          ["scheduling", mode, ""],
          ["follow-ups due at one minute", String(seeded), ""],
          ["dealerships", String(options.dealerships), ""],
          [
            "planning cost (ms per 1,000 follow-ups: rows + leads" + (options.perJob ? " + jobs" : "") + ")",
            ((seedMs / seeded) * 1000).toFixed(0),
            "",
          ],
          ...(options.perJob
            ? [["  of which pg-boss job inserts (ms per 1,000)", ((jobsMs / seeded) * 1000).toFixed(0), ""]]
            : []),
          [
            "due → first sent (s)",
            firstSentAfter.toFixed(1),
            options.perJob ? "" : "≤ 60 (the sweep's minute)",
          ],
          [
            `sent (${options.drainSeconds ? `in ${options.drainSeconds} s after the first` : "all"})`,
            String(sent),
            String(seeded),
          ],
          ["drain rate (follow-ups/s, first → last sent)", drainRate.toFixed(1), ""],
          ["projected time to send all (min)", (seeded / Math.max(drainRate, 0.001) / 60).toFixed(1), ""],
          [
            `first reply p50 / p95 before the drain (ms, n=${b.n})`,
            `${b.p50.toFixed(0)} / ${b.p95.toFixed(0)}`,
            "",
          ],
          [
            `first reply p50 / p95 during the drain (ms, n=${d.n})`,
            `${d.p50.toFixed(0)} / ${d.p95.toFixed(0)}`,
            `p95 ≤ ${(b.p95 * 1.2).toFixed(0)} ${ok ? "ok" : "FAIL"}`,
          ],
        ],
        [false, true, false],
      ),
    );
    return 0;
  } catch (err) {
    console.error(`[bench] ${describeError(err)}`);
    return 1;
  } finally {
    await owner?.end().catch(() => {});
    await stopAllProcesses();
    await db?.stop();
  }
}

process.exitCode = await main();
