// npm run bench:analytics [-- --runs 100 --warmup 10 --leads 1000000 --dealerships 200]
//
// The analytics summary (lib/analytics/get-analytics-summary.ts: the figures of the Analyse page and of
// GET /api/analytics/summary, each for the range and the period before it) on the 1,000,000-lead / 200-dealership
// scale set, as the app role under forced RLS, for the largest dealership: 30 days and 365 days, p50/p95 over
// --runs each (alternating, after --warmup unmeasured runs). Targets: p95 < 150 ms (30 days), < 400 ms (365 days).
//
// The data lives in its own database (`norvalt_analytics`) in a persistent "bench" cluster of this worktree, so
// the slow 1M-lead seed happens once. The scale seed writes leads and one inbound message each; for the measured
// dealership this script adds what analytics reads and the seed lacks — the AI's sent first reply, a person's
// follow-up on most leads, status history with lost reasons, draft events, model calls and e-mails with a Date
// header — once (marked by the dealership having outbound messages). Exits 0 once it has measured.
import "./lib/load-env-files.ts";
import pg from "pg";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { parseFlags, parseOptionsOrUsage, positiveInt } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { ensureDatabase, type DatabaseHandle } from "./lib/postgres.ts";
import { stopOnInterrupt } from "./lib/processes.ts";
import { SCALE_SLUG_PREFIX, seedScale } from "./lib/seed-scale.ts";

const TARGETS = { 30: 150, 365: 400 } as const;
const log = (line: string) => console.log(`[bench] ${line}`);

const USAGE = `Usage: npm run bench:analytics [-- options]

Options:
  --runs <n>           measured summaries per range (default 100)
  --warmup <n>         unmeasured summaries per range first (default 10)
  --leads <n>          scale set size to ensure (default 1000000)
  --dealerships <n>    scale dealerships to ensure (default 200)
  -h, --help           show this help`;

function parseOptions() {
  const { values } = parseFlags({
    options: {
      runs: { type: "string" },
      warmup: { type: "string" },
      leads: { type: "string" },
      dealerships: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  return {
    runs: positiveInt("runs", values.runs, 100, { max: 100_000 }),
    warmup: positiveInt("warmup", values.warmup, 10, { min: 0, max: 10_000 }),
    leads: positiveInt("leads", values.leads, 1_000_000),
    dealerships: positiveInt("dealerships", values.dealerships, 200, { max: 10_000 }),
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
    "analyze conversations; analyze lead_status_history; analyze lead_events; analyze llm_calls; analyze emails; analyze leads",
  );
}

async function main(): Promise<number> {
  const options = parseOptionsOrUsage(parseOptions, USAGE);
  if ("exitCode" in options) return options.exitCode;
  let db: DatabaseHandle | undefined;
  stopOnInterrupt(() => db?.stop());
  try {
    db = await ensureDatabase({ cluster: "bench", port: 0, database: "norvalt_analytics", log });
    await migrateDatabase(db.ownerUrl, db.appUrl, log);
    await seedScale({
      ownerOrAppUrl: db.ownerUrl,
      leads: options.leads,
      dealerships: options.dealerships,
      log,
    });
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
    console.log(
      `\nbench:analytics — ${options.leads.toLocaleString("nb-NO")} leads / ${options.dealerships} dealerships; ` +
        `largest dealership ${largest.leads.toLocaleString("nb-NO")} leads; app role under RLS, one summary at a time\n\n` +
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
    await db?.stop();
  }
}

process.exit(await main());
