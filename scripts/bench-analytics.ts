// npm run bench:analytics [-- --runs 100 --warmup 10 --page-runs 30 --skip-build --leads 1000000 --dealerships 200]
//
// The analytics summary (lib/analytics/get-analytics-summary.ts: the figures of the Analyse page and of
// GET /api/analytics/summary, each for the range and the period before it) on the 1,000,000-lead / 200-dealership
// scale set, as the app role under forced RLS, for the largest dealership: 30 days and 365 days, p50/p95 over
// --runs each (alternating, after --warmup unmeasured runs). Targets: p95 < 150 ms (30 days), < 400 ms (365 days).
//
// The data lives in its own database (`norvalt_analytics`) in a persistent "bench" cluster of this worktree, so
// the slow 1M-lead seed happens once. The scale seed writes leads and one inbound message each; for the measured
// dealership this script adds what analytics reads and the seed lacks — the AI's sent first reply, a person's
// follow-up on most leads, status history with lost reasons, draft events, model calls, e-mails with a Date
// header and sent follow-ups with some answers — once (marked by the dealership having outbound messages /
// follow-ups).
//
// Then the Analyse page itself (issue 21): a production build (next start) on loopback, signed in as that
// dealership's admin, GET /analytics for the same two ranges, --page-runs each: the time to the first byte and to
// the whole HTML (the server's render, streaming included; loopback adds next to nothing). Exits 0 once it has
// measured.
import "./lib/load-env-files.ts";
import pg from "pg";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { parseFlags, parseOptionsOrUsage, positiveInt } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import type { DatabaseHandle } from "./lib/postgres.ts";
import { stopAllProcesses, stopOnInterrupt } from "./lib/processes.ts";
import { makeBenchAppEnv, startBenchApp } from "./lib/start-bench-app.ts";
import { SCALE_SLUG_PREFIX } from "./lib/seed-scale.ts";
import { prepareScaleSet, SCALE_SET_FLAGS, SCALE_SET_USAGE, scaleSetOptions } from "./lib/scale-set.ts";

const TARGETS = { 30: 150, 365: 400 } as const;
const log = (line: string) => console.log(`[bench] ${line}`);

const USAGE = `Usage: npm run bench:analytics [-- options]

Options:
  --runs <n>           measured summaries per range (default 100)
  --warmup <n>         unmeasured summaries per range first (default 10)
  --page-runs <n>      measured page views per range (default 30; 0 skips the page)
  --skip-build         reuse the existing .next build for the page
${SCALE_SET_USAGE}
  -h, --help           show this help`;

function parseOptions() {
  const { values } = parseFlags({
    options: {
      runs: { type: "string" },
      warmup: { type: "string" },
      "page-runs": { type: "string" },
      "skip-build": { type: "boolean" },
      ...SCALE_SET_FLAGS,
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  return {
    runs: positiveInt("runs", values.runs, 100, { max: 100_000 }),
    warmup: positiveInt("warmup", values.warmup, 10, { min: 0, max: 10_000 }),
    pageRuns: positiveInt("page-runs", values["page-runs"], 30, { min: 0, max: 10_000 }),
    skipBuild: Boolean(values["skip-build"]),
    ...scaleSetOptions(values),
  };
}

/** The scale dealership with the most leads (ties: the first by slug). */
async function largestDealership(owner: pg.Client): Promise<{ id: string; leads: number }> {
  await owner.query("begin; set local role norvalt_system");
  try {
    const { rows } = await owner.query<{ id: string; leads: number }>(
      `select d.id, count(l.id)::int as leads from dealerships d join leads l on l.dealership_id = d.id
        where d.slug like $1 group by d.id, d.slug order by count(l.id) desc, d.slug limit 1`,
      [`${SCALE_SLUG_PREFIX}%`],
    );
    if (!rows[0]) throw new Error("no scale dealership found after seeding");
    return rows[0];
  } finally {
    await owner.query("commit");
  }
}

/** Replies, follow-ups, history, drafts, model calls and e-mails for one dealership's leads (once). */
async function enrich(owner: pg.Client, dealershipId: string) {
  await owner.query("begin; set local role norvalt_system");
  try {
    const { rows } = await owner.query<{ done: boolean }>(
      `select exists (select 1 from conversations where dealership_id = $1 and direction = 'outbound') as done`,
      [dealershipId],
    );
    await enrichFollowUps(owner, dealershipId);
    if (rows[0]?.done) {
      log("the measured dealership already has replies and history");
      return;
    }
    const started = performance.now();
    await owner.query(
      `insert into conversations (dealership_id, lead_id, channel, direction, sender, sender_type, message_content,
                                  delivery_status, created_at)
       select dealership_id, id, 'email', 'outbound', 'AI', 'ai', 'Takk for henvendelsen!', 'sent', first_response_at
         from leads where dealership_id = $1 and first_response_at is not null
       union all
       select dealership_id, id, 'sms', 'outbound', 'Selger', 'human', 'Hei, jeg ringer deg i morgen.', 'sent',
              created_at + make_interval(secs => 600 + (abs(hashtext(id::text)) % 86400))
         from leads where dealership_id = $1 and status <> 'new' and abs(hashtext(id::text)) % 10 < 7`,
      [dealershipId],
    );
    await owner.query(
      `insert into lead_status_history (dealership_id, lead_id, old_status, new_status, reason, changed_at)
       select l.dealership_id, l.id, s.old_status, s.new_status,
              case when s.new_status = 'lost' then (array['Kjøpte annen bil', 'For dyr', 'Svarte ikke', null])
                [1 + abs(hashtext(l.id::text)) % 4] end,
              l.created_at + make_interval(hours => s.n)
         from leads l
         cross join lateral (values (1, 'new', 'contacted'), (2, 'contacted', 'qualified'), (3, 'qualified', 'won'),
                                    (4, 'contacted', 'lost')) s(n, old_status, new_status)
        where l.dealership_id = $1
          and ((s.n = 1 and l.status <> 'new') or (s.n = 2 and l.status in ('qualified', 'won'))
               or (s.n = 3 and l.status = 'won') or (s.n = 4 and l.status = 'lost'))`,
      [dealershipId],
    );
    await owner.query(
      `insert into lead_events (dealership_id, lead_id, type, actor_type, data, created_at)
       select dealership_id, id,
              (array['ai.draft_approved', 'ai.draft_approved', 'ai.draft_discarded', 'ai.reply_drafted'])
                [1 + abs(hashtext(id::text || 'e')) % 4],
              'user', jsonb_build_object('edited', abs(hashtext(id::text)) % 2 = 0, 'fallbackReason', 'guardrails'),
              created_at + interval '2 minutes'
         from leads where dealership_id = $1 and abs(hashtext(id::text || 'd')) % 5 = 0`,
      [dealershipId],
    );
    await owner.query(
      `insert into llm_calls (dealership_id, purpose, model, latency_ms, input_tokens, output_tokens, outcome, lead_id,
                              created_at)
       select dealership_id, 'draft_reply', 'claude-sonnet-5-5', 1800, 2400, 350, 'ok', id, created_at
         from leads where dealership_id = $1`,
      [dealershipId],
    );
    await owner.query(
      `insert into emails (dealership_id, lead_id, message_id, headers, intake, raw_content_type, raw, size_bytes,
                           processing_status, classification, received_at)
       select dealership_id, id, '<bench-' || id || '@example.no>',
              jsonb_build_object('date', jsonb_build_array(
                to_char((created_at - interval '3 minutes') at time zone 'UTC', 'Dy, DD Mon YYYY HH24:MI:SS') || ' +0000')),
              'upload', 'message/rfc822', '\\x00'::bytea, 1, 'processed', 'sales_inquiry', created_at - interval '20 seconds'
         from leads where dealership_id = $1 and source = 'email'`,
      [dealershipId],
    );
    log(
      `added replies, history, events, model calls and e-mails in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await owner.query("commit");
  }
  await owner.query(
    "analyze conversations; analyze lead_status_history; analyze lead_events; analyze llm_calls; analyze emails; analyze leads; analyze follow_ups",
  );
}

/**
 * Issue 19's follow-ups for the follow-up effect: step 1 three days after the first reply for every lead that got
 * one and is contacted or lost, step 2 seven days after for half of them, a customer's answer the day after step 1
 * for a quarter. Once (marked by the dealership having follow-ups), also on a set enriched before follow-ups existed.
 */
async function enrichFollowUps(owner: pg.Client, dealershipId: string) {
  const { rows } = await owner.query<{ done: boolean }>(
    `select exists (select 1 from follow_ups where dealership_id = $1) as done`,
    [dealershipId],
  );
  if (rows[0]?.done) return;
  await owner.query(
    `insert into follow_ups (dealership_id, lead_id, kind, step, channel, due_at, status, sent_at, consent_basis,
                             created_at, updated_at)
     select l.dealership_id, l.id, 'message', s.step, 'email', l.first_response_at + make_interval(days => s.days),
            'sent', l.first_response_at + make_interval(days => s.days), 'service_inquiry', l.first_response_at,
            l.first_response_at + make_interval(days => s.days)
       from leads l cross join (values (1, 3), (2, 7)) s(step, days)
      where l.dealership_id = $1 and l.first_response_at is not null and l.status in ('contacted', 'lost')
        and (s.step = 1 or abs(hashtext(l.id::text || 'f')) % 2 = 0)
        and l.first_response_at + make_interval(days => s.days) < now()`,
    [dealershipId],
  );
  await owner.query(
    `insert into conversations (dealership_id, lead_id, channel, direction, sender, sender_type, message_content,
                                created_at)
     select f.dealership_id, f.lead_id, 'email', 'inbound', 'Kunde', 'customer', 'Ja, fortsatt interessert.',
            f.sent_at + interval '1 day'
       from follow_ups f
      where f.dealership_id = $1 and f.step = 1 and abs(hashtext(f.lead_id::text || 'r')) % 4 = 0`,
    [dealershipId],
  );
}

/**
 * The Analyse page's server time for `ranges`, signed in as the dealership's admin: p50/p95 to the first byte and
 * to the whole HTML, after two unmeasured views per range. Rows in the summary table's columns; issue 21 sets no
 * target for the page, so none is judged.
 */
async function measurePage(
  db: DatabaseHandle,
  dealershipId: string,
  ranges: { days: 30 | 365; range: { from: string; to: string } }[],
  options: { pageRuns: number; skipBuild: boolean },
): Promise<string[][]> {
  const { withSystem } = await import("../lib/db/tenant.ts");
  const { createSession } = await import("../lib/auth/sessions.ts");
  const { SESSION_COOKIE } = await import("../lib/auth/session-cookie.ts");
  const { sql } = await import("drizzle-orm");
  const [admin] = await withSystem(
    async (tx) =>
      (
        await tx.execute<{ id: string }>(
          sql`select id from users where dealership_id = ${dealershipId} and role = 'admin' order by created_at limit 1`,
        )
      ).rows,
  );
  if (!admin) throw new Error("the measured dealership has no admin");
  const cookie = `${SESSION_COOKIE}=${await createSession({ id: admin.id, dealershipId })}`;
  const env = await makeBenchAppEnv(db);
  // The page needs no worker; the web process reads the same database.
  await startBenchApp({ env, skipBuild: options.skipBuild, deferWorker: true, log });
  const view = async (range: { from: string; to: string }) => {
    const url = `${env.APP_URL}/analytics?range=custom&from=${range.from}&to=${range.to}`;
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie, "accept-encoding": "gzip" }, redirect: "manual" });
    const firstByte = performance.now() - started;
    const html = await res.text();
    const whole = performance.now() - started;
    if (res.status !== 200 || !html.includes('data-testid="analytics-page"'))
      throw new Error(`${url} answered ${res.status} without the Analyse page`);
    return { firstByte, whole };
  };
  const measured = ranges.map((r) => ({ ...r, firstByte: [] as number[], whole: [] as number[] }));
  for (const r of measured) for (let i = 0; i < 2; i++) await view(r.range);
  log(`Analyse page: ${options.pageRuns} views per range …`);
  for (let i = 0; i < options.pageRuns; i++)
    for (const r of i % 2 ? measured : [...measured].reverse()) {
      const t = await view(r.range);
      r.firstByte.push(t.firstByte);
      r.whole.push(t.whole);
    }
  return measured.flatMap((r) => {
    const whole = statsOf(r.whole);
    const first = statsOf(r.firstByte);
    return [
      [
        `page GET /analytics, ${r.days} days: first byte`,
        "",
        String(first.n),
        first.p50.toFixed(1),
        first.p95.toFixed(1),
        first.max.toFixed(1),
        "",
        "",
      ],
      [
        `page GET /analytics, ${r.days} days: whole HTML`,
        "",
        String(whole.n),
        whole.p50.toFixed(1),
        whole.p95.toFixed(1),
        whole.max.toFixed(1),
        "(no target set)",
        "",
      ],
    ];
  });
}

async function main(): Promise<number> {
  const options = parseOptionsOrUsage(parseOptions, USAGE);
  if ("exitCode" in options) return options.exitCode;
  let db: DatabaseHandle | undefined;
  stopOnInterrupt(() => db?.stop());
  try {
    db = await prepareScaleSet(
      { cluster: "bench", port: 0, database: "norvalt_analytics", log },
      options,
      log,
    );
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    owner.on("error", () => {});
    await owner.connect();
    const largest = await largestDealership(owner);
    await enrich(owner, largest.id);
    await owner.end();

    // As the app role: forced RLS, the tenant set by withTenant, exactly as the page and the API run it.
    process.env.DATABASE_URL = db.appUrl;
    const { getAnalyticsSummary } = await import("../lib/analytics/get-analytics-summary.ts");
    const { addDays, zonedToday } = await import("../lib/dates/time-zone.ts");
    const principal = { apiKeyId: "bench", dealershipId: largest.id, via: "api_key" as const };
    const today = zonedToday("Europe/Oslo");
    const ranges = ([30, 365] as const).map((days) => ({
      days,
      range: { from: addDays(today, -(days - 1)), to: today },
      samples: [] as number[],
      leads: 0,
    }));
    for (let i = 0; i < options.warmup; i++)
      for (const r of ranges) await getAnalyticsSummary(principal, r.range);
    for (let i = 0; i < options.runs; i++) {
      for (const r of i % 2 ? ranges : [...ranges].reverse()) {
        const started = performance.now();
        const summary = await getAnalyticsSummary(principal, r.range);
        r.samples.push(performance.now() - started);
        r.leads = summary.current.leads.total;
      }
    }
    const rows = ranges.map((r) => {
      const s = statsOf(r.samples);
      const target = TARGETS[r.days];
      return [
        `summary, ${r.days} days (+ previous ${r.days})`,
        r.leads.toLocaleString("nb-NO"),
        String(s.n),
        s.p50.toFixed(1),
        s.p95.toFixed(1),
        s.max.toFixed(1),
        `p95 < ${target} ms`,
        s.p95 < target ? "PASS" : "FAIL ✗",
      ];
    });
    if (options.pageRuns > 0) rows.push(...(await measurePage(db, largest.id, ranges, options)));
    console.log(
      `\nbench:analytics — ${options.leads.toLocaleString("nb-NO")} leads / ${options.dealerships} dealerships; ` +
        `largest dealership ${largest.leads.toLocaleString("nb-NO")} leads; app role under RLS, one summary at a time; ` +
        `page: production build, signed in, request sent → first byte / whole HTML\n\n` +
        formatTable(
          ["measure", "leads in range", "n", "p50 ms", "p95 ms", "max ms", "target", "result"],
          rows,
          [false, true, true, true, true, true, false, false],
        ),
    );
    return 0;
  } catch (err) {
    console.error(`bench:analytics failed: ${describeError(err)}`);
    return 1;
  } finally {
    const { closeDb } = await import("../lib/db/client.ts");
    await closeDb().catch(() => {});
    await stopAllProcesses(15_000);
    await db?.stop();
  }
}

process.exit(await main());
