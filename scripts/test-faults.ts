// npm run test:faults [-- --short] [-- --reuse-build] — the fault suite of issue 24, on loopback, bounded and
// repeatable: steady form, e-mail and Meta traffic while it (a) SIGKILLs the worker, (b) stops and restarts
// Postgres, (c) makes the fake Claude, Resend and Twilio answer 5xx for a while, (d) sends every delivery twice and
// 20 identical form posts at once. Senders behave as the real ones do: the embed script and SendGrid/Meta retry a
// 5xx or a dropped connection (the form with its Idempotency-Key). Then it checks: every 2xx lead exists, exactly one
// first reply each, nothing stuck within the settle time, every outage recovered without a manual step (the worker is
// supervised exactly as `npm run dev`/`demo` supervise it). Prints one table; exit code 1 on any failure.
import "./lib/load-env-files.ts";
import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { encryptSecret, loadEncryptionKeys } from "../lib/security/encrypt-secret.ts";
import { startFakeAnthropic } from "../tests/fakes/anthropic-server.ts";
import { startFakeGraph } from "../tests/fakes/graph-server.ts";
import { startFakeResend } from "../tests/fakes/resend-server.ts";
import { startFakeTwilio } from "../tests/fakes/twilio-server.ts";
import { formatTable } from "./lib/bench-stats.ts";
import { insertBenchDealership, queryAsSystem } from "./lib/bench-dealership.ts";
import { describeError } from "./lib/describe-error.ts";
import { makeRunSigningSecret } from "./lib/local-signing-secret.ts";
import { migrateDatabase } from "./lib/migrate.ts";
import { findFreePort, waitForHealthy } from "./lib/network.ts";
import { ensureDatabase, PROJECT_ROOT, type DatabaseHandle } from "./lib/postgres.ts";
import { runToCompletion, spawnPrefixed, stopAllProcesses } from "./lib/processes.ts";
import { stopInOrder, supervise, type Supervised } from "./lib/supervise.ts";

const { values: flags } = parseArgs({
  options: {
    short: { type: "boolean" },
    "reuse-build": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (flags.help) {
  console.log("Usage: npm run test:faults [-- --short] [-- --reuse-build]");
  process.exit(0);
}
const log = (line: string) => console.log(`[faults] ${line}`);
const NEXT = join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
const APP_SECRET = "faults-facebook-app-secret";
const PAGE_ID = "104857300000777";
const PAGE_TOKEN = "faults-page-token-xxxxxxxxxxxxxxxxxxxxxxxx";
const BOUNDARY = "----norvalt-faults";

/** Seconds from the start of traffic. The short variant (CI) keeps every fault, shorter. */
const PLAN = flags.short
  ? {
      trafficS: 40,
      burstAt: 3,
      killAt: 6,
      dbDownAt: 12,
      dbDownS: 6,
      vendorsAt: 24,
      vendorsS: 10,
      settleS: 60,
    }
  : {
      trafficS: 150,
      burstAt: 10,
      killAt: 15,
      dbDownAt: 40,
      dbDownS: 15,
      vendorsAt: 75,
      vendorsS: 30,
      settleS: 120,
    };
/** Posts per second of each kind (form, e-mail, Meta delivery). */
const RATE = { form: 3, email: 1, meta: 1 };

type Sent = {
  kind: "form" | "email" | "meta";
  key: string;
  status: number;
  attempts: number;
  saw5xx: boolean;
  leadId?: string;
  address?: string;
};
const sent: Sent[] = [];
let db: DatabaseHandle | undefined;
let dataDir: string | undefined;
const startedAt = performance.now();
const seconds = (since = startedAt) => ((performance.now() - since) / 1000).toFixed(1);

/** POSTs until the answer is not a 5xx (or the connection works), with growing pauses, as a retrying sender does. */
async function postWithRetry(url: string, init: () => RequestInit, giveUpMs = 90_000) {
  const started = performance.now();
  let attempts = 0;
  let saw5xx = false;
  for (let pause = 250; ; pause = Math.min(pause * 2, 8_000)) {
    attempts++;
    try {
      const res = await fetch(url, { ...init(), signal: AbortSignal.timeout(15_000) });
      const text = await res.text();
      if (res.status < 500) return { status: res.status, text, attempts, saw5xx };
      saw5xx = true;
    } catch {
      saw5xx = true; // refused or dropped: the same to a sender
    }
    if (performance.now() - started > giveUpMs) return { status: 599, text: "", attempts, saw5xx };
    await new Promise((r) => setTimeout(r, pause));
  }
}

function emailBody(
  n: number,
  to: string,
): { body: Uint8Array<ArrayBuffer>; messageId: string; address: string } {
  const address = `epost-${n}-${process.pid}@example.no`;
  const messageId = `<faults-${n}-${process.pid}@example.no>`;
  const fields: [string, string][] = [
    [
      "headers",
      `Message-ID: ${messageId}\nFrom: Eva Epost <${address}>\nTo: ${to}\nSubject: Interessert i ID.4`,
    ],
    ["to", to],
    ["from", `Eva Epost <${address}>`],
    ["subject", "Interessert i ID.4"],
    [
      "text",
      `Hei!\n\nEr Volkswagen ID.4 fortsatt ledig? Ring meg gjerne på 912 34 ${String(500 + (n % 400))}.\n\nHilsen Eva`,
    ],
    ["envelope", JSON.stringify({ to: [to], from: address })],
    ["charsets", JSON.stringify({ to: "UTF-8", from: "UTF-8", subject: "UTF-8", text: "utf-8" })],
    ["SPF", "pass"],
    ["dkim", "{@example.no : pass}"],
  ];
  const body = Buffer.from(
    fields
      .map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("") + `--${BOUNDARY}--\r\n`,
  );
  return {
    body: new Uint8Array(body.buffer, body.byteOffset, body.length) as Uint8Array<ArrayBuffer>,
    messageId,
    address,
  };
}

async function main(): Promise<number> {
  // A cluster of this run alone, in a directory of its own, so it can be stopped and started again (fault b).
  delete process.env.DATABASE_URL;
  dataDir = mkdtempSync(join(tmpdir(), "norvalt-faults-"));
  // As root, Postgres runs as the postgres user, which must be able to enter it.
  chmodSync(dataDir, 0o755);
  process.env.NORVALT_DATA_DIR = dataDir;
  const pgPort = await findFreePort();
  const startDb = () =>
    ensureDatabase({ cluster: "test", port: pgPort, database: "norvalt_faults", log: (l) => log(l) });
  db = await startDb();
  await migrateDatabase(db.ownerUrl, db.appUrl, () => {});
  const owner = new pg.Pool({ connectionString: db.ownerUrl, max: 2 });
  owner.on("error", () => {});
  const asSystem = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = await owner.connect();
    try {
      return await queryAsSystem<R>(client as unknown as pg.Client, text, values);
    } finally {
      client.release();
    }
  };

  const [anthropic, resend, twilio, graph] = await Promise.all([
    startFakeAnthropic(),
    startFakeResend(),
    startFakeTwilio(),
    startFakeGraph(),
  ]);
  graph.addPage({ id: PAGE_ID, name: "Feil Bil Facebook", token: PAGE_TOKEN });
  const encryptionKey = randomBytes(32).toString("base64");
  const keys = loadEncryptionKeys({ NODE_ENV: "production", APP_ENCRYPTION_KEY: encryptionKey });
  const client = await owner.connect();
  const dealership = await insertBenchDealership(client as unknown as pg.Client, "faults", {
    inbound_email_local_part: "faults",
  });
  await queryAsSystem(
    client as unknown as pg.Client,
    "insert into facebook_pages (dealership_id, page_id, name, access_token_sealed) values ($1, $2, $3, $4)",
    [dealership.id, PAGE_ID, "Feil Bil Facebook", encryptSecret(PAGE_TOKEN, PAGE_ID, keys)],
  );
  client.release();

  const port = await findFreePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: db.appUrl,
    MIGRATION_DATABASE_URL: db.ownerUrl,
    PORT: String(port),
    APP_URL: appUrl,
    LOG_LEVEL: "error",
    NORVALT_SIGNING_SECRET: makeRunSigningSecret(),
    APP_ENCRYPTION_KEY: encryptionKey,
    ANTHROPIC_API_KEY: "sk-ant-faults",
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_TIMEOUT_MS: "2000",
    RESEND_API_KEY: resend.apiKey,
    RESEND_BASE_URL: resend.url,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: "Feilbil",
    TWILIO_BASE_URL: twilio.url,
    FACEBOOK_APP_ID: "faults-app",
    FACEBOOK_APP_SECRET: APP_SECRET,
    FACEBOOK_VERIFY_TOKEN: "faults-verify",
    FACEBOOK_GRAPH_URL: graph.url,
    // Every post comes from 127.0.0.1: the per-address limits are not what this suite tests.
    FORM_RATE_LIMIT_PER_MINUTE: "100000",
    FORM_RATE_LIMIT_PER_FORM_PER_MINUTE: "100000",
    WEBHOOK_RATE_LIMIT_PER_MINUTE: "100000",
  };
  if (!(flags["reuse-build"] && existsSync(join(PROJECT_ROOT, ".next/BUILD_ID")))) {
    log("next build …");
    await runToCompletion("build", process.execPath, [NEXT, "build"], env);
  } else log("reusing the existing build (.next)");

  const restarts: string[] = [];
  const superviseLog = (line: string) => {
    log(line);
    if (/restarted/.test(line)) restarts.push(line);
  };
  const backoff = { initialMs: 500, maxMs: 10_000, healthyAfterMs: 30_000 };
  const web: Supervised = supervise({
    name: "web",
    log: superviseLog,
    backoff,
    start: () =>
      spawnPrefixed("web", process.execPath, [NEXT, "start", "-p", String(port), "-H", "127.0.0.1"], env),
  });
  const worker: Supervised = supervise({
    name: "worker",
    log: superviseLog,
    backoff,
    start: () => spawnPrefixed("worker", process.execPath, [join(PROJECT_ROOT, "jobs/runner.ts")], env),
  });
  await waitForHealthy(`${appUrl}/api/health/ready`, 120_000);
  log(`app ready (${seconds()} s); traffic for ${PLAN.trafficS} s`);

  // --- traffic ---
  const formUrl = `${appUrl}/api/webhooks/form/faults-form`;
  const emailUrl = `${appUrl}/api/webhooks/email/inbound/${dealership.inboundEmailSecret}`;
  const metaUrl = `${appUrl}/api/webhooks/facebook`;
  const inflight: Promise<void>[] = [];
  let n = 0;
  const postForm = (key: string, address: string) =>
    inflight.push(
      (async () => {
        const r = await postWithRetry(formUrl, () => ({
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": key },
          body: JSON.stringify({
            name: "Fie Feil",
            email: address,
            vehicle_interest: "Volkswagen ID.4",
            message: "Er den ledig?",
          }),
        }));
        let leadId: string | undefined;
        try {
          leadId = (JSON.parse(r.text) as { lead_id?: string }).lead_id;
        } catch {
          // not JSON: counted by its status
        }
        sent.push({
          kind: "form",
          key,
          status: r.status,
          attempts: r.attempts,
          saw5xx: r.saw5xx,
          leadId,
          address,
        });
      })(),
    );
  const postEmail = (i: number) => {
    const mail = emailBody(i, "faults@svar.norvalt.no");
    // SendGrid delivers some mails twice (fault d): the second copy must not make a second lead.
    for (let copy = 0; copy < (i % 5 === 0 ? 2 : 1); copy++)
      inflight.push(
        (async () => {
          const r = await postWithRetry(emailUrl, () => ({
            method: "POST",
            headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
            body: mail.body,
          }));
          sent.push({
            kind: "email",
            key: mail.messageId,
            status: r.status,
            attempts: r.attempts,
            saw5xx: r.saw5xx,
          });
        })(),
      );
  };
  const postMeta = (i: number) => {
    const id = `7${String(i).padStart(14, "0")}`;
    const address = `meta-${i}-${process.pid}@example.no`;
    graph.addLead(PAGE_ID, {
      id,
      form_id: "form-0",
      field_data: [
        { name: "full_name", values: [`Meta Kunde ${i}`] },
        { name: "email", values: [address] },
        { name: "phone_number", values: [`+479${String(2_000_000 + i).slice(-7)}`] },
      ],
    });
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: PAGE_ID,
          time: now,
          changes: [
            {
              field: "leadgen",
              value: { leadgen_id: id, page_id: PAGE_ID, form_id: "form-0", created_time: now },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac("sha256", APP_SECRET).update(body).digest("hex")}`;
    // Every Meta delivery twice (fault d).
    for (let copy = 0; copy < 2; copy++)
      inflight.push(
        (async () => {
          const r = await postWithRetry(metaUrl, () => ({
            method: "POST",
            headers: { "content-type": "application/json", "x-hub-signature-256": signature },
            body,
          }));
          sent.push({
            kind: "meta",
            key: id,
            status: r.status,
            attempts: r.attempts,
            saw5xx: r.saw5xx,
            address,
          });
        })(),
      );
  };

  const faults: { fault: string; at: string; detail: string }[] = [];
  const trafficStart = performance.now();
  const at = (s: number) => trafficStart + s * 1000;
  const due = new Set<string>();
  let formN = 0;
  let emailN = 0;
  let metaN = 0;
  while (performance.now() < at(PLAN.trafficS)) {
    const t = (performance.now() - trafficStart) / 1000;
    while (formN < t * RATE.form) {
      const i = formN++;
      postForm(`faults-${process.pid}-${i}`, `form-${i}-${process.pid}@example.no`);
    }
    while (emailN < t * RATE.email) postEmail(emailN++);
    while (metaN < t * RATE.meta) postMeta(metaN++);
    if (t >= PLAN.burstAt && !due.has("burst")) {
      due.add("burst");
      const key = `faults-burst-${process.pid}`;
      for (let i = 0; i < 20; i++) postForm(key, `burst-${process.pid}@example.no`);
      faults.push({
        fault: "(d) 20 identical posts at once",
        at: t.toFixed(1),
        detail: "one Idempotency-Key",
      });
    }
    if (t >= PLAN.killAt && !due.has("kill")) {
      due.add("kill");
      process.kill(worker.current().child.pid!, "SIGKILL");
      faults.push({ fault: "(a) SIGKILL the worker", at: t.toFixed(1), detail: "supervised restart" });
    }
    if (t >= PLAN.dbDownAt && !due.has("db")) {
      due.add("db");
      const down = performance.now();
      await db.stop();
      log(`Postgres stopped at ${t.toFixed(1)} s`);
      setTimeout(() => {
        void startDb().then((handle) => {
          db = handle;
          log(`Postgres started again after ${seconds(down)} s`);
        });
      }, PLAN.dbDownS * 1000);
      faults.push({
        fault: "(b) stop and restart Postgres",
        at: t.toFixed(1),
        detail: `${PLAN.dbDownS} s down`,
      });
    }
    if (t >= PLAN.vendorsAt && !due.has("vendors")) {
      due.add("vendors");
      anthropic.failWith(529, "overloaded_error");
      resend.failNext(1_000_000, 503);
      twilio.failNext(1_000_000, 503);
      setTimeout(() => {
        anthropic.reset();
        resend.clearFailures();
        twilio.clearFailures();
        log("Claude, Resend and Twilio answer again");
      }, PLAN.vendorsS * 1000);
      faults.push({
        fault: "(c) Claude, Resend, Twilio 5xx",
        at: t.toFixed(1),
        detail: `${PLAN.vendorsS} s`,
      });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  log(
    `traffic done (${n++ >= 0 ? formN + emailN + metaN : 0} submissions); waiting for the senders' retries`,
  );
  await Promise.all(inflight);

  // --- settle: nothing left waiting, running or due ---
  const settleStart = performance.now();
  let open = { jobs: -1, emails: -1, meta: -1 };
  while (performance.now() - settleStart < PLAN.settleS * 1000) {
    try {
      const [row] = await asSystem<{ jobs: number; emails: number; meta: number }>(
        `select (select count(*)::int from pgboss.job where state in ('created', 'retry', 'active')
                   and name not like '%.dead' and start_after < now() + interval '5 minutes') as jobs,
                (select count(*)::int from emails where processing_status in ('pending', 'processing')) as emails,
                (select count(*)::int from facebook_lead_deliveries where status in ('pending', 'waiting')) as meta`,
      );
      open = row!;
      if (open.jobs + open.emails + open.meta === 0) break;
    } catch {
      // Postgres may still be coming back
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const settledS = seconds(settleStart);
  if (open.jobs + open.emails + open.meta > 0) {
    // What is stuck, to read the failure from the table's run alone.
    const stuck = await asSystem<Record<string, unknown>>(
      `select name, state::text, retry_count, retry_limit, round(extract(epoch from start_after - now()))::int as due_in_s,
              round(extract(epoch from now() - started_on))::int as running_s, left(output::text, 120) as output
         from pgboss.job where state in ('created', 'retry', 'active') and name not like '%.dead' limit 20`,
    );
    const mails = await asSystem<Record<string, unknown>>(
      "select processing_status, left(coalesce(error_message, ''), 120) as error, count(*)::int as n from emails group by 1, 2",
    );
    const deliveries = await asSystem<Record<string, unknown>>(
      "select status, left(coalesce(error, ''), 120) as error, count(*)::int as n from facebook_lead_deliveries group by 1, 2",
    );
    for (const row of [...stuck, ...mails, ...deliveries]) log(`open: ${JSON.stringify(row)}`);
  }

  // --- checks ---
  const ok2xx = sent.filter((s) => s.status >= 200 && s.status < 300);
  const formLeadIds = [...new Set(ok2xx.filter((s) => s.kind === "form").map((s) => s.leadId!))];
  const existingLeads = new Set(
    (await asSystem<{ id: string }>("select id from leads where id = any($1::uuid[])", [formLeadIds])).map(
      (r) => r.id,
    ),
  );
  const mailIds = [...new Set(ok2xx.filter((s) => s.kind === "email").map((s) => s.key))];
  const storedMails = new Set(
    (
      await asSystem<{ message_id: string }>("select message_id from emails where message_id = any($1)", [
        mailIds,
      ])
    ).map((r) => r.message_id),
  );
  const metaIds = [...new Set(ok2xx.filter((s) => s.kind === "meta").map((s) => s.key))];
  const metaLeads = new Set(
    (
      await asSystem<{ leadgen_id: string }>(
        "select leadgen_id from facebook_lead_deliveries where leadgen_id = any($1) and lead_id is not null",
        [metaIds],
      )
    ).map((r) => r.leadgen_id),
  );
  const lost = {
    form: formLeadIds.filter((id) => !existingLeads.has(id)).length,
    email: mailIds.filter((id) => !storedMails.has(id)).length,
    meta: metaIds.filter((id) => !metaLeads.has(id)).length,
  };
  // Exactly one first reply each: one e-mail from us to each form and Meta customer who got a 2xx.
  const repliesTo = (address: string) => resend.emails.filter((e) => e.to.includes(address)).length;
  const addresses = [...new Set(ok2xx.filter((s) => s.kind !== "email" && s.address).map((s) => s.address!))];
  const replyCounts = addresses.map(repliesTo);
  const doubles = replyCounts.filter((c) => c > 1).length;
  const unanswered = replyCounts.filter((c) => c === 0).length;
  const burstLeads = new Set(
    sent.filter((s) => s.key === `faults-burst-${process.pid}`).map((s) => s.leadId),
  );
  const final5xx = sent.filter((s) => s.status >= 500).length;
  const failedJobs = (
    await asSystem<{ n: number }>("select count(*)::int as n from pgboss.job where state = 'failed'")
  )[0]!.n;

  const rows: [string, string, string][] = [
    ...faults.map((f): [string, string, string] => [`fault ${f.fault}`, `at ${f.at} s, ${f.detail}`, ""]),
    ["submissions (form / e-mail / Meta)", `${formN + 20} / ${emailN} / ${metaN}`, ""],
    ["posts answered 2xx", String(ok2xx.length), ""],
    [
      "posts that saw a 5xx or no answer, then succeeded on retry",
      String(sent.filter((s) => s.saw5xx && s.status < 500).length),
      "",
    ],
    ["5xx in the end (sender gave up)", String(final5xx), final5xx === 0 ? "ok" : "FAIL"],
    [
      "2xx leads lost (form / e-mail / Meta)",
      `${lost.form} / ${lost.email} / ${lost.meta}`,
      lost.form + lost.email + lost.meta === 0 ? "ok" : "FAIL",
    ],
    ["20 identical posts → leads", String(burstLeads.size), burstLeads.size === 1 ? "ok" : "FAIL"],
    ["customers with two or more first replies", String(doubles), doubles === 0 ? "ok" : "FAIL"],
    ["customers with no reply", String(unanswered), unanswered === 0 ? "ok" : "FAIL"],
    [
      "stuck after settle (jobs / e-mails / Meta)",
      `${open.jobs} / ${open.emails} / ${open.meta} (${settledS} s)`,
      open.jobs + open.emails + open.meta === 0 ? "ok" : "FAIL",
    ],
    ["jobs failed for good", String(failedJobs), ""],
    [
      "supervised restarts (no manual step)",
      restarts.length ? restarts.join("; ") : "none",
      restarts.length >= 1 ? "ok" : "FAIL",
    ],
  ];
  console.log(`\nnpm run test:faults${flags.short ? " --short" : ""} (${seconds()} s)\n`);
  console.log(formatTable(["check", "result", ""], rows, [false, false, false]));
  const failed = rows.filter((r) => r[2] === "FAIL").length;

  await owner.end().catch(() => {});
  await stopInOrder(
    [
      { name: "web", stop: () => web.stop(10_000) },
      { name: "worker", stop: () => worker.stop(10_000) },
      {
        name: "fakes",
        stop: async () =>
          void (await Promise.all([anthropic.close(), resend.close(), twilio.close(), graph.close()])),
      },
    ],
    log,
  );
  return failed ? 1 : 0;
}

async function cleanup() {
  await stopAllProcesses(5_000);
  await db?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`[faults] ${describeError(err)}`);
} finally {
  await cleanup();
}
process.exit(code);
