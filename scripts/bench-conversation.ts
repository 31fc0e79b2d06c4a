// npm run bench:conversation [-- --replies 200 --rate 10]
//
// Issue 20's figure: how long from a customer's SMS reply to the AI's draft being ready, with the built-in
// responder (no model key). A throw-away Postgres, the real worker (pg-boss, LISTEN/NOTIFY) in this process, the
// webhook's own domain path (signature check → receiveInboundSms → conversation.reply job → draft stored). For each
// of --replies customers with an open SMS conversation, one reply is texted at --rate per second (open loop);
// measured per reply: draft stored − webhook received (end to end, queue pickup included) and the job's own part
// (customer message stored → draft stored, ai.reply_drafted.sinceMessageMs).
import "./lib/load-env-files.ts";
import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { formatTable, statsOf } from "./lib/bench-stats.ts";
import { parseFlags, parseOptionsOrUsage, positiveInt } from "./lib/cli-args.ts";
import { insertBenchDealership, queryAsSystem, startBenchDatabase } from "./lib/bench-dealership.ts";

const log = (line: string) => console.log(`[bench] ${line}`);
const USAGE = `Usage: npm run bench:conversation [-- options]

Options:
  --replies <n>   customer replies to answer (default 200)
  --rate <n>      replies per second (default 10)
  -h, --help      show this help`;

const parsed = parseOptionsOrUsage(() => {
  const { values } = parseFlags({
    options: {
      replies: { type: "string" },
      rate: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help" as const;
  return {
    replies: positiveInt("replies", values.replies, 200, { max: 10_000 }),
    rate: positiveInt("rate", values.rate, 10, { max: 1_000 }),
  };
}, USAGE);
if ("exitCode" in parsed) process.exit(parsed.exitCode);
const options = parsed;

const TOKEN = randomBytes(16).toString("hex");
const SMS_NUMBER = "+4791000000";
const mobile = (i: number) => `+4798${String(i).padStart(6, "0")}`;

const { db, owner } = await startBenchDatabase("norvalt_bench_conversation", log);
process.env.DATABASE_URL = db.appUrl;
process.env.MIGRATION_DATABASE_URL = db.ownerUrl;
process.env.TWILIO_AUTH_TOKEN = TOKEN;
process.env.NORVALT_PROCESS_NAME ??= "norvalt-bench";
delete process.env.ANTHROPIC_API_KEY;

try {
  const dealership = await insertBenchDealership(owner, "bench-conversation", { sms_number: SMS_NUMBER });
  await queryAsSystem(
    owner,
    `insert into vehicles (dealership_id, make, model, year, price_nok, status)
     select $1, m.make, m.model, 2022, 300000 + g * 1000, 'available'
       from generate_series(1, 200) g,
            (values ('Volkswagen', 'Golf'), ('Tesla', 'Model Y'), ('Škoda', 'Enyaq iV'), ('Toyota', 'RAV4')) m(make, model)`,
    [dealership.id],
  );
  // Every customer has an open SMS lead the AI answered a minute ago.
  await queryAsSystem(
    owner,
    `with l as (
       insert into leads (dealership_id, source, customer_name, customer_phone, phone_normalized, vehicle_interest,
                          initial_message, status, assigned_to)
       select $1, 'sms', 'Kunde ' || g, p, p, 'Volkswagen Golf', 'Er Golfen ledig?', 'contacted',
              (select id from users where dealership_id = $1 limit 1)
         from generate_series(1, $2::int) g, lateral (select '+4798' || lpad(g::text, 6, '0') as p) x
       returning id)
     insert into conversations (dealership_id, lead_id, channel, direction, sender, sender_type, message_content,
                                delivery_status, metadata, created_at)
     select $1, id, 'sms', 'outbound', 'AI', 'ai', 'Hei! Golfen er ledig.', 'delivered', '{"kind":"first_reply"}',
            now() - interval '1 minute' from l`,
    [dealership.id, options.replies],
  );

  const { jobRegistry } = await import("../jobs/registry.ts");
  const { startWorker } = await import("../jobs/runner.ts");
  const { readInboundSms } = await import("../lib/integrations/sms/read-inbound-sms.ts");
  const { checkTwilioSignature } = await import("../lib/integrations/sms/verify-twilio-signature.ts");
  const { receiveInboundSms } = await import("../lib/inbound-sms/receive-inbound-sms.ts");
  const { closeDb } = await import("../lib/db/client.ts");
  const { stopSenderBoss } = await import("../lib/jobs/boss.ts");
  const worker = await startWorker({ connectionString: db.appUrl, definitions: jobRegistry, log: () => {} });

  const url = "http://localhost:3000/api/webhooks/twilio/sms";
  const texts = ["Kan jeg prøvekjøre den på lørdag?", "Har den hengerfeste?", "Hvor mange km har den gått?"];
  const received = new Map<string, number>();
  log(`${options.replies} replies at ${options.rate}/s, built-in responder`);
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 1; i <= options.replies; i++) {
    const due = started + ((i - 1) * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const params = {
      MessageSid: sid,
      SmsSid: sid,
      From: mobile(i),
      To: SMS_NUMBER,
      Body: texts[i % texts.length]!,
      NumMedia: "0",
    };
    const body = new URLSearchParams(params).toString();
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, params);
    sends.push(
      (async () => {
        const at = Date.now();
        if (!checkTwilioSignature(TOKEN, signature, url, body)) throw new Error("signature");
        const result = await receiveInboundSms(
          readInboundSms(Object.fromEntries(new URLSearchParams(body)))!,
        );
        if (result.status !== "threaded") throw new Error(`not threaded: ${result.status}`);
        received.set(result.leadId!, at);
      })(),
    );
  }
  await Promise.all(sends);
  const deadline = Date.now() + 5 * 60_000;
  let rows: { lead_id: string; at: Date; since_message_ms: number }[] = [];
  while (Date.now() < deadline) {
    rows = await queryAsSystem(
      owner,
      `select lead_id, created_at as at, (data->>'sinceMessageMs')::int as since_message_ms
         from lead_events where dealership_id = $1 and type = 'ai.reply_drafted' and data->>'turn' = 'true'`,
      [dealership.id],
    );
    if (rows.length >= options.replies) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const endToEnd = rows.map((r) => r.at.getTime() - received.get(r.lead_id)!);
  const job = rows.map((r) => r.since_message_ms);
  const fmt = (s: ReturnType<typeof statsOf>) => [
    String(s.n),
    `${s.p50}`,
    `${s.p95}`,
    `${s.p99}`,
    `${s.max}`,
  ];
  console.log(
    "\n" +
      formatTable(
        ["customer SMS → AI draft ready (ms)", "n", "p50", "p95", "p99", "max"],
        [
          ["webhook received → draft stored", ...fmt(statsOf(endToEnd))],
          ["message stored → draft stored (job)", ...fmt(statsOf(job))],
        ],
        [false, true, true, true, true, true],
      ),
  );
  if (rows.length < options.replies)
    log(`FAIL: only ${rows.length} of ${options.replies} drafts within 5 minutes`);
  await worker.stop();
  await stopSenderBoss();
  await closeDb();
} finally {
  await owner.end().catch(() => {});
  await db.stop();
}
