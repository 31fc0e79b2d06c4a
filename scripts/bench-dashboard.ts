// npm run bench:dashboard [-- --iterations 200 --warmup 20 --leads 1000000 --dealerships 200 --skip-build]
//
// The sales-rep dashboard on the 1,000,000-lead scale data set (db:seed --leads 1000000 --dealerships 200, made
// here when missing): a production build (next start) on loopback, signed in as a scale dealership's admin
// (a real session cookie), one request at a time. Measures the server response time (request sent → whole HTML
// received) of the inbox page (GET /leads, no filter, page 1 or a random later page) and of an inbox search
// (GET /leads?q=… with a surname, a first + last name, an e-mail or a phone number of one of the dealership's
// customers), p50/p95 over --iterations each, rotating over 20 dealerships; and the JavaScript the inbox route
// sends: every script the /leads HTML references, gzipped. Targets on this machine: inbox p95 < 150 ms, search
// p95 < 200 ms, inbox JS < 250 KB gzip. Exits 0 once it has measured; FAIL rows are printed, not thrown.
import "./lib/load-env-files.ts";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { parseEnv } from "../env.ts";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { parseFlags, parseOptionsOrUsage, positiveInt } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import type { DatabaseHandle } from "./lib/postgres.ts";
import { stopAllProcesses, stopOnInterrupt } from "./lib/processes.ts";
import { createProgressBar, SCALE_SLUG_PREFIX } from "./lib/seed-scale.ts";
import { prepareScaleSet, SCALE_SET_FLAGS, SCALE_SET_USAGE, scaleSetOptions } from "./lib/scale-set.ts";
import { makeBenchAppEnv, startBenchApp } from "./lib/start-bench-app.ts";

const TARGET_INBOX_P95_MS = 150;
const TARGET_SEARCH_P95_MS = 200;
const TARGET_JS_GZIP_KB = 250;
const DEALERSHIPS_USED = 20;
const log = (line: string) => console.log(`[bench] ${line}`);

const USAGE = `Usage: npm run bench:dashboard [-- options]

Options:
  --iterations <n>     measured requests per page (default 200)
  --warmup <n>         unmeasured requests per page first (default 20)
${SCALE_SET_USAGE}
  --skip-build         reuse the existing .next build
  -h, --help           show this help`;

function parseOptions() {
  const { values } = parseFlags({
    options: {
      iterations: { type: "string" },
      warmup: { type: "string" },
      ...SCALE_SET_FLAGS,
      "skip-build": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  return {
    iterations: positiveInt("iterations", values.iterations, 200, { max: 100_000 }),
    warmup: positiveInt("warmup", values.warmup, 20, { min: 0, max: 10_000 }),
    ...scaleSetOptions(values),
    skipBuild: Boolean(values["skip-build"]),
  };
}

type Visitor = { dealershipId: string; cookie: string; searches: string[]; pages: number };

/** Sessions for the admins of the first scale dealerships, and search terms drawn from their own customers. */
async function prepareVisitors(appUrl: string): Promise<Visitor[]> {
  process.env.DATABASE_URL = appUrl;
  const { withSystem, withTenant } = await import("../lib/db/tenant.ts");
  const { createSession } = await import("../lib/auth/sessions.ts");
  const { SESSION_COOKIE } = await import("../lib/auth/session-cookie.ts");
  const { sql } = await import("drizzle-orm");
  const admins = await withSystem(
    async (tx) =>
      (
        await tx.execute<{ id: string; dealership_id: string }>(
          sql`select u.id, u.dealership_id from users u join dealerships d on d.id = u.dealership_id
             where d.slug like ${SCALE_SLUG_PREFIX + "%"} and u.role = 'admin' order by d.slug limit ${DEALERSHIPS_USED}`,
        )
      ).rows,
  );
  if (admins.length === 0) throw new Error("no scale dealerships found after seeding");
  const visitors: Visitor[] = [];
  for (const admin of admins) {
    const token = await createSession({ id: admin.id, dealershipId: admin.dealership_id });
    const customers = await withTenant(
      admin.dealership_id,
      async (tx) =>
        (
          await tx.execute<{ name: string; email: string; phone: string | null; total: number }>(
            sql`select customer_name as name, email_normalized as email, phone_normalized as phone,
                     (select count(*)::int from leads where dealership_id = ${admin.dealership_id} and not is_spam) as total
                from leads where dealership_id = ${admin.dealership_id} order by random() limit 10`,
          )
        ).rows,
    );
    const searches = customers.flatMap((c, i) => {
      const [first, last] = c.name.split(" ");
      // Surnames are shared by many customers (hundreds of matches), full names by a few, e-mails by one.
      return [last!.toLowerCase(), `${first} ${last}`, i % 2 ? c.email : (c.phone?.slice(3) ?? c.email)];
    });
    visitors.push({
      dealershipId: admin.dealership_id,
      cookie: `${SESSION_COOKIE}=${token}`,
      searches,
      pages: Math.max(1, Math.ceil((customers[0]?.total ?? 0) / 25)),
    });
  }
  return visitors;
}

/** One request, timed from sending to the last byte of the body; the body is checked to be a real inbox. */
async function timedGet(url: string, cookie: string): Promise<{ ms: number; html: string }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie, "accept-encoding": "gzip" }, redirect: "manual" });
  const html = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  if (!html.includes('data-testid="leads-table"') && !html.includes('data-testid="inbox-empty"'))
    throw new Error(`${url} did not render the inbox`);
  return { ms, html };
}

/**
 * Every script the page references (src of <script> tags), fetched and gzipped as a browser would receive it.
 * `noModule` scripts (Next's legacy polyfills) are counted apart: browsers with ES modules never download them.
 */
async function measureJs(baseUrl: string, html: string) {
  const tags = [...new Set([...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].map((m) => m[0]))];
  const scripts: { src: string; noModule: boolean; raw: number; gzip: number }[] = [];
  for (const tag of tags) {
    const src = tag.match(/\bsrc="([^"]+)"/)![1]!;
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    scripts.push({
      src,
      noModule: /\bnomodule\b/i.test(tag),
      raw: body.length,
      gzip: gzipSync(body, { level: 6 }).length,
    });
  }
  const sum = (list: typeof scripts, key: "raw" | "gzip") => list.reduce((n, s) => n + s[key], 0) / 1024;
  const loaded = scripts.filter((s) => !s.noModule);
  const legacy = scripts.filter((s) => s.noModule);
  return {
    scripts: loaded.length,
    rawKb: sum(loaded, "raw"),
    gzipKb: sum(loaded, "gzip"),
    legacyGzipKb: sum(legacy, "gzip"),
    largest: [...loaded].sort((a, b) => b.gzip - a.gzip).slice(0, 6),
  };
}

async function main(): Promise<number> {
  const options = parseOptionsOrUsage(parseOptions, USAGE);
  if ("exitCode" in options) return options.exitCode;
  let db: DatabaseHandle | undefined;
  stopOnInterrupt(() => db?.stop());
  try {
    const env = parseEnv(process.env);
    process.env.NORVALT_PROCESS_NAME ??= "norvalt-bench";
    db = await prepareScaleSet(
      { cluster: "main", port: env.NORVALT_PG_PORT, database: "norvalt" },
      options,
      log,
    );
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    // Fresh statistics, as production has after autovacuum: a just-migrated table would otherwise be planned blind.
    await owner.query("analyze leads; analyze lead_search_terms; analyze conversations");
    // As the system role: FORCE row-level security hides every lead from the owner.
    await owner.query("begin; set local role norvalt_system");
    const [{ leads } = { leads: 0 }] = (
      await owner.query<{ leads: number }>("select count(*)::int as leads from leads")
    ).rows;
    await owner.query("commit");
    await owner.end();
    const visitors = await prepareVisitors(db.appUrl);

    const appEnv = await makeBenchAppEnv(db);
    await startBenchApp({ env: appEnv, skipBuild: options.skipBuild, log });
    const base = appEnv.APP_URL;

    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    // Inbox: page 1 three times in four (what a rep sees all day), else a random page of the first 40.
    const inboxUrl = (v: Visitor) =>
      `${base}/leads${random(4) === 0 ? `?page=${2 + random(Math.min(39, v.pages - 1) || 1)}` : ""}`;
    const searchUrl = (v: Visitor) =>
      `${base}/leads?q=${encodeURIComponent(v.searches[random(v.searches.length)]!)}`;
    const pages = [
      {
        label: "inbox page (GET /leads)",
        url: inboxUrl,
        target: TARGET_INBOX_P95_MS,
        samples: [] as number[],
      },
      {
        label: "search (GET /leads?q=…)",
        url: searchUrl,
        target: TARGET_SEARCH_P95_MS,
        samples: [] as number[],
      },
    ];
    log(
      `${leads.toLocaleString("nb-NO")} leads; ${visitors.length} dealerships; warm-up ${options.warmup} per page`,
    );
    for (let i = 0; i < options.warmup; i++)
      for (const page of pages)
        await timedGet(page.url(visitors[i % visitors.length]!), visitors[i % visitors.length]!.cookie);
    const bar = createProgressBar(options.iterations, "requests per page");
    for (let i = 0; i < options.iterations; i++) {
      const visitor = visitors[random(visitors.length)]!;
      // Alternating, so neither page always runs on caches the other just warmed.
      for (const page of i % 2 ? pages : [...pages].reverse())
        page.samples.push((await timedGet(page.url(visitor), visitor.cookie)).ms);
      if (i % 10 === 9 || i === options.iterations - 1) bar.update(i + 1);
    }
    bar.finish(options.iterations);

    const { html } = await timedGet(`${base}/leads`, visitors[0]!.cookie);
    const js = await measureJs(base, html);
    const rows = pages.map((page) => {
      const s = statsOf(page.samples);
      return [
        page.label,
        String(s.n),
        s.p50.toFixed(1),
        s.p95.toFixed(1),
        s.p99.toFixed(1),
        s.max.toFixed(1),
        `p95 < ${page.target} ms`,
        s.p95 < page.target ? "PASS" : "FAIL ✗",
      ];
    });
    rows.push([
      `inbox JS (${js.scripts} scripts, ${js.rawKb.toFixed(0)} KB raw)`,
      "1",
      `${js.gzipKb.toFixed(1)} KB gzip`,
      "",
      "",
      "",
      `< ${TARGET_JS_GZIP_KB} KB gzip`,
      js.gzipKb < TARGET_JS_GZIP_KB ? "PASS" : "FAIL ✗",
    ]);
    console.log(
      `\nbench:dashboard — ${leads.toLocaleString("nb-NO")} leads, production build, one request at a time, signed in ` +
        `(times: request sent → whole HTML received)\n\n` +
        formatTable(["measure", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "target", "result"], rows, [
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
    console.log(
      `\nNot counted: ${js.legacyGzipKb.toFixed(1)} KB gzip of noModule polyfills (never downloaded by browsers with ES modules).` +
        `\nLargest inbox scripts (gzip): ${js.largest.map((s) => `${s.src.split("/").pop()} ${(s.gzip / 1024).toFixed(1)} KB`).join(", ")}`,
    );
    return 0;
  } catch (err) {
    console.error(`bench:dashboard failed: ${describeError(err)}`);
    return 1;
  } finally {
    const { closeDb } = await import("../lib/db/client.ts");
    await closeDb().catch(() => {});
    await stopAllProcesses(15_000);
    await db?.stop();
  }
}

process.exit(await main());
