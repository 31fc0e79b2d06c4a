// npm run bench:followups [-- --follow-ups 100000 --dealerships 200 --rate 5 --duration 30 --skip-build]
//
// Issue 19: N follow-ups due at the same minute across D dealerships (open around the clock), drained by the
// production worker (followup.sweep every minute → followup.send on its own queue), e-mail to the outbox.
// Measured: the drain rate (follow-ups sent per second, first to last), and the first-reply latency (lead accepted →
// e-mail handed to the transport) p95 for website leads posted at --rate during the drain, beside the same figure
// measured before the drain (no follow-ups due) in the same run. Target: during ≤ before + 20 %.
// Always exits 0 once it has measured; a FAIL row is printed, not thrown.
import "./lib/load-env-files.ts";
import pg from "pg";
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

/** Seeds `perDealership` contacted leads with one follow-up each, all due a minute ago, per dealership. */
async function seedDueFollowUps(owner: pg.Client, dealershipIds: string[], perDealership: number) {
  for (const [i, id] of dealershipIds.entries()) {
    await queryAsSystem(
      owner,
      `with l as (
         insert into leads (dealership_id, source, status, customer_name, customer_email, email_normalized, initial_message, created_at)
         select $1, 'website', 'contacted', 'Kunde ' || g, 'kunde-' || g || '-' || $3 || '@example.no',
                'kunde-' || g || '-' || $3 || '@example.no', 'Hei, er bilen ledig?', now() - interval '4 days'
           from generate_series(1, $2) g returning id)
       insert into follow_ups (dealership_id, lead_id, kind, step, channel, due_at, consent_basis, created_at)
       select $1, l.id, 'message', 1, 'email', date_trunc('minute', now()) - interval '1 minute', 'service_inquiry',
              now() - interval '3 days'
         from l`,
      [id, perDealership, i],
    );
  }
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

    log(`before the drain: ${options.rate} leads/s for ${options.duration} s`);
    const before = await firstReplyTimings(
      owner,
      leadShop,
      "before",
      await postLeads(url, options.rate, options.duration, "before"),
    );

    const perShop = Math.ceil(options.followUps / options.dealerships);
    log(
      `seeding ${perShop * options.dealerships} follow-ups due now across ${options.dealerships} dealerships …`,
    );
    await seedDueFollowUps(owner, shops, perShop);
    await owner.query("analyze");
    const seeded = perShop * options.dealerships;

    log(`during the drain: ${options.rate} leads/s for ${options.duration} s (the sweep runs every minute)`);
    const during = await firstReplyTimings(
      owner,
      leadShop,
      "during",
      await postLeads(url, options.rate, options.duration, "during"),
    );

    const started = performance.now();
    let sent = 0;
    while (performance.now() - started < DRAIN_TIMEOUT_MS) {
      // Only due rows: the leads posted by the bench get their own follow-ups planned days ahead.
      const [row] = await queryAsSystem<{ open: number; sent: number }>(
        owner,
        `select count(*) filter (where status in ('scheduled', 'queued', 'drafting', 'sending') and due_at <= now())::int as open,
                count(*) filter (where status = 'sent')::int as sent from follow_ups where kind = 'message'`,
      );
      sent = row!.sent;
      process.stdout.write(`\r[bench] drain: ${sent}/${seeded} sent …`);
      if (row!.open === 0) break;
      await new Promise((r) => setTimeout(r, 2_000));
    }
    process.stdout.write("\n");
    const [span] = await queryAsSystem<{ seconds: number; first: Date; last: Date }>(
      owner,
      `select extract(epoch from max(sent_at) - min(sent_at))::float8 as seconds from follow_ups where status = 'sent'`,
    );
    const drainRate = sent / Math.max(0.001, span!.seconds);
    const b = statsOf(before);
    const d = statsOf(during);
    const ok = d.p95 <= b.p95 * 1.2;
    console.log(
      formatTable(
        ["figure", "value", "target"],
        [
          ["follow-ups due at one minute", String(seeded), ""],
          ["dealerships", String(options.dealerships), ""],
          ["sent", String(sent), String(seeded)],
          ["drain rate (follow-ups/s, first → last sent)", drainRate.toFixed(1), ""],
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
