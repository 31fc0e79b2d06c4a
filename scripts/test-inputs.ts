// npm run test:inputs [-- --short] [-- --reuse-build]
// The bad-input catalogue (issue 24, item 8) over real HTTP against the built app and its worker on loopback:
// NUL, lone surrogates, control characters, RTL overrides, emoji, HTML/script and SQL strings, NFD text, deep and
// wide JSON, arrays and numbers where text belongs, prototype keys, broken JSON/multipart/MIME, invalid UTF-8,
// wrong content types, empty and oversize bodies, out-of-range dates — sent to every public endpoint class. Every
// answer must be 2xx with the item stored, or 4xx; never 5xx, never a 2xx whose item is missing, and nothing may
// stay pending once the worker has had its chance. Prints one table (endpoint class × outcome); exit 1 on a defect.
// `--short` (CI) sends the catalogue once per class without the slow oversize cases and waits less for the worker.
import "./lib/load-env-files.ts";
import { createHmac, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { formatTable } from "./lib/bench-stats.ts";
import { insertBenchDealership, queryAsSystem, startBenchDatabase } from "./lib/bench-dealership.ts";
import { parseFlags } from "./lib/cli-args.ts";
import { describeError } from "./lib/describe-error.ts";
import type { DatabaseHandle } from "./lib/postgres.ts";
import { PROJECT_ROOT } from "./lib/postgres.ts";
import { stopAllProcesses, stopOnInterrupt } from "./lib/processes.ts";
import { makeBenchAppEnv, startBenchApp } from "./lib/start-bench-app.ts";
import { generateApiKey, generateToken, hashToken } from "../lib/auth/tokens.ts";

const { values: flags } = parseFlags({
  options: { short: { type: "boolean" }, "reuse-build": { type: "boolean" } },
});
const started = Date.now();
const log = (line: string) => console.log(`[inputs ${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);
const META_SECRET = "inputs-meta-app-secret";

/** Text values a person, a bot or a broken client may put in any field. */
const TEXTS: [string, string][] = [
  ["NUL", "Kari\u0000 Nordmann"],
  ["lone surrogate", "Kari \uD800 Nordmann"],
  ["control chars", "Kari\u0007\u001b[31m\u0085 Nordmann"],
  ["RTL override", "\u202Enamrdon irak"],
  ["emoji", "Kari 🚗🔥👍🏽"],
  ["HTML/script", '<script>alert("x")</script><img src=x onerror=alert(1)>'],
  ["SQL", "'; drop table leads; --"],
  ["NFD", "Bjo\u0308rn A\u030asen"],
  ["CRLF injection", "Kari\r\nBcc: evil@example.com"],
  ["long (10 kB)", "x".repeat(10_000)],
];
const deepObject = (n: number) => '{"a":'.repeat(n) + '"x"' + "}".repeat(n);
const deepArray = (n: number) => "[".repeat(n) + "]".repeat(n);

type Req = {
  cls: string;
  name: string;
  path: string;
  init: RequestInit;
  stored?: (body: unknown) => Promise<boolean>;
};
type Outcome = "2xx-stored" | "2xx" | "2xx-LOST" | "4xx" | "5xx" | "error";
const results: { cls: string; name: string; status: number; outcome: Outcome; detail?: string }[] = [];

let db: DatabaseHandle | undefined;
stopOnInterrupt(() => db?.stop());

async function main(): Promise<number> {
  const { db: database, owner } = await startBenchDatabase("norvalt_inputs", log);
  db = database;
  const dealer = await insertBenchDealership(owner, "inputs-bil");
  const formKey = "inputs-bil-form";
  const apiKey = generateApiKey();
  const sessionToken = generateToken();
  const [admin] = await queryAsSystem<{ id: string }>(
    owner,
    `insert into users (dealership_id, email, name, role) values ($1, 'admin@inputs.no', 'Ada Admin', 'admin') returning id`,
    [dealer.id],
  );
  await queryAsSystem(
    owner,
    `insert into api_keys (dealership_id, name, prefix, key_hash) values ($1, 'inputs', $2, $3)`,
    [dealer.id, apiKey.slice(0, 11), hashToken(apiKey)],
  );
  await queryAsSystem(
    owner,
    `insert into sessions (dealership_id, user_id, token_hash, expires_at) values ($1, $2, $3, now() + interval '1 day')`,
    [dealer.id, admin!.id, hashToken(sessionToken)],
  );
  const [lead] = await queryAsSystem<{ id: string }>(
    owner,
    `insert into leads (dealership_id, source, customer_name, customer_email, email_normalized)
     values ($1, 'manual', 'Per Test', 'per@example.no', 'per@example.no') returning id`,
    [dealer.id],
  );

  const reuse = Boolean(flags["reuse-build"]) && existsSync(join(PROJECT_ROOT, ".next/BUILD_ID"));
  const env = await makeBenchAppEnv(db, {
    FACEBOOK_APP_SECRET: META_SECRET,
    FORM_RATE_LIMIT_PER_FORM_PER_MINUTE: "1000000",
    FORM_RATE_LIMIT_PER_MINUTE: "1000000",
    FORM_RATE_LIMIT_BURST: "1000000",
    API_RATE_LIMIT_PER_MINUTE: "1000000",
  });
  log(reuse ? "reusing the existing build (.next)" : "building (no --reuse-build or no .next) …");
  await startBenchApp({ env, skipBuild: reuse, log });
  const base = env.APP_URL;

  const exists = (table: string, id: unknown) => async () =>
    typeof id === "string" &&
    (
      await queryAsSystem(owner, `select 1 from ${table} where id = $1 and dealership_id = $2`, [
        id,
        dealer.id,
      ])
    ).length === 1;
  const leadStored = async (body: unknown) => exists("leads", (body as { lead_id?: string })?.lead_id)();

  const requests: Req[] = [];
  const unique = () => `inputs-${randomUUID().slice(0, 8)}@example.no`;
  const json = (data: unknown) => JSON.stringify(data);
  const apiHeaders = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
  const cookieHeaders = {
    cookie: `norvalt_session=${sessionToken}`,
    origin: base,
    "content-type": "application/json",
  };

  // Text values in every text field of every endpoint class.
  for (const [name, value] of TEXTS) {
    const fields = {
      name: value,
      email: unique(),
      phone: "912 34 567",
      message: value,
      vehicle_interest: value,
    };
    requests.push(
      {
        cls: "form JSON",
        name,
        path: `/api/webhooks/form/${formKey}`,
        init: { method: "POST", headers: { "content-type": "application/json" }, body: json(fields) },
        stored: leadStored,
      },
      {
        cls: "form urlencoded",
        name,
        path: `/api/webhooks/form/${formKey}`,
        init: {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams(fields).toString(),
        },
        stored: leadStored,
      },
      {
        cls: "form multipart",
        name,
        path: `/api/webhooks/form/${formKey}`,
        init: { method: "POST", headers: { accept: "application/json" }, body: formData(fields) },
        stored: leadStored,
      },
      {
        cls: "API POST /api/leads",
        name,
        path: "/api/leads",
        init: {
          method: "POST",
          headers: apiHeaders,
          body: json({
            customer_name: value,
            customer_email: unique(),
            message: value,
            external_id: value.slice(0, 400),
          }),
        },
        stored: leadStored,
      },
      {
        cls: "API PATCH /api/leads/:id",
        name,
        path: "/api/leads/",
        init: {
          method: "PATCH",
          headers: apiHeaders,
          body: json({ status: "lost", reason: value.slice(0, 400), notes: value }),
        },
      },
      {
        cls: "API GET /api/leads",
        name,
        path: `/api/leads?${new URLSearchParams({ search: value.slice(0, 150), email: value.slice(0, 200) })}`,
        init: { headers: apiHeaders },
      },
      {
        cls: "API POST /api/conversations",
        name,
        path: "/api/conversations",
        init: {
          method: "POST",
          headers: apiHeaders,
          body: json({
            lead_id: leadId(),
            channel: "email",
            subject: value.slice(0, 150),
            message_content: value,
          }),
        },
      },
      {
        cls: "cookie POST /api/leads",
        name,
        path: "/api/leads",
        init: {
          method: "POST",
          headers: cookieHeaders,
          body: json({ customer_name: value, customer_phone: "912 34 567" }),
        },
        stored: leadStored,
      },
      {
        cls: "e-mail webhook",
        name,
        path: `/api/webhooks/email/inbound/${dealer.inboundEmailSecret}`,
        init: {
          method: "POST",
          headers: { "content-type": "message/rfc822" },
          body: new Uint8Array(mime(value)),
        },
        stored: async (b) => exists("emails", (b as { email_id?: string })?.email_id)(),
      },
      meta(name, { leadgen_id: `lg-${randomUUID()}`, page_id: value, form_id: value, ad_id: value }),
    );
  }
  function leadId() {
    return lead!.id;
  }
  // PATCH needs the lead's id in the path: fixed up here (the object literal above cannot see it).
  for (const r of requests) if (r.cls === "API PATCH /api/leads/:id") r.path = `/api/leads/${lead!.id}`;

  // Shapes and transports.
  const form = `/api/webhooks/form/${formKey}`;
  const formBody = (extra: string) => `{"name":"Dyp","email":"${unique()}","message":"Hei",${extra}}`;
  const structural: [string, string, RequestInit][] = [
    [
      "deep object (5,000)",
      form,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: formBody(`"extra":${deepObject(5_000)}`),
      },
    ],
    [
      "deep array as name",
      form,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"name":${deepArray(5_000)},"email":"${unique()}","message":"x"}`,
      },
    ],
    [
      "wide object (10,000 keys)",
      form,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: formBody(`"extra":{${Array.from({ length: 10_000 }, (_, i) => `"k${i}":1`).join(",")}}`),
      },
    ],
    [
      "array as name",
      form,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"name":["a"],"email":"${unique()}","message":"x"}`,
      },
    ],
    [
      "number as name",
      form,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"name":42,"email":"${unique()}","message":"x"}`,
      },
    ],
    [
      "__proto__ key",
      form,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: formBody(`"__proto__":{"isSpam":true},"constructor":{"prototype":{"x":1}}`),
      },
    ],
    [
      "broken JSON",
      form,
      { method: "POST", headers: { "content-type": "application/json" }, body: '{"name": "x",' },
    ],
    ["empty body", form, { method: "POST", headers: { "content-type": "application/json" }, body: "" }],
    ["text/plain", form, { method: "POST", headers: { "content-type": "text/plain" }, body: "name=x" }],
    [
      "application/xml",
      form,
      { method: "POST", headers: { "content-type": "application/xml" }, body: "<lead/>" },
    ],
    [
      "broken multipart",
      form,
      {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=zz" },
        body: '--zz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx',
      },
    ],
    [
      "invalid UTF-8",
      form,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new Uint8Array(
          Buffer.concat([
            Buffer.from(`{"name":"`),
            Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
            Buffer.from(`","email":"${unique()}","message":"x"}`),
          ]),
        ),
      },
    ],
    ["date out of range", "/api/leads?from=275760-09-13", { headers: apiHeaders }],
    ["date year 0", "/api/leads?from=0000-01-01&to=-000001-01-01", { headers: apiHeaders }],
    [
      "API deep object",
      "/api/leads",
      {
        method: "POST",
        headers: apiHeaders,
        body: `{"customer_name":"x","customer_phone":"91234567","message":${deepObject(5_000)}}`,
      },
    ],
    [
      "e-mail broken MIME",
      `/api/webhooks/email/inbound/${dealer.inboundEmailSecret}`,
      {
        method: "POST",
        headers: { "content-type": "message/rfc822" },
        body: "\u0000\u0001garbage without headers",
      },
    ],
    [
      "e-mail broken SendGrid multipart",
      `/api/webhooks/email/inbound/${dealer.inboundEmailSecret}`,
      {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=xYzZY" },
        body: '--xYzZY\r\nContent-Disposition: form-data; name="headers"\r\n\r\nFrom: \u0000\r\n',
      },
    ],
    [
      "cookie text/plain (CSRF)",
      "/api/leads",
      {
        method: "POST",
        headers: { ...cookieHeaders, "content-type": "text/plain" },
        body: json({ customer_name: "x", customer_phone: "91234567" }),
      },
    ],
    [
      "cookie foreign Origin (CSRF)",
      "/api/conversations",
      {
        method: "POST",
        headers: { ...cookieHeaders, origin: "http://evil.localhost:1" },
        body: json({ lead_id: lead!.id, channel: "email", message_content: "x" }),
      },
    ],
    [
      "unsubscribe bad token",
      "/api/unsubscribe/%00%ff",
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      },
    ],
    [
      "form key with malformed %-encoding",
      "/api/webhooks/form/%ff%00",
      { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
    ],
    [
      "meta unsigned",
      "/api/webhooks/facebook",
      { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
    ],
  ];
  if (!flags.short)
    structural.push(
      [
        "oversize form (1 MB)",
        form,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: formBody(`"message2":"${"x".repeat(1_000_000)}"`),
        },
      ],
      [
        "oversize e-mail (40 MB)",
        `/api/webhooks/email/inbound/${dealer.inboundEmailSecret}`,
        {
          method: "POST",
          headers: { "content-type": "message/rfc822" },
          body: new Uint8Array(40 * 1024 * 1024).fill(97),
        },
      ],
    );
  for (const [name, path, init] of structural)
    requests.push({ cls: "shapes & transports", name, path, init, stored: leadStored });

  log(`sending ${requests.length} requests …`);
  for (const r of requests) await send(base, r);

  // Nothing may stay pending once the worker has had its chance.
  const deadline = Date.now() + (flags.short ? 30_000 : 90_000);
  let stuck: { emails: number; deliveries: number; jobs: number } = { emails: 0, deliveries: 0, jobs: 0 };
  for (;;) {
    const [row] = await queryAsSystem<{ emails: number; deliveries: number; jobs: number }>(
      owner,
      `select (select count(*)::int from emails where dealership_id = $1 and processing_status in ('pending','processing')) as emails,
              (select count(*)::int from facebook_lead_deliveries where (dealership_id = $1 or dealership_id is null) and status = 'pending') as deliveries,
              (select count(*)::int from pgboss.job where data->>'dealershipId' = $1::text and state in ('created','retry','active')
                 and name not like '%.dead' and start_after < now() + interval '1 minute') as jobs`,
      [dealer.id],
    );
    stuck = row!;
    if ((stuck.emails === 0 && stuck.deliveries === 0 && stuck.jobs === 0) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }

  const classes = [...new Set(results.map((r) => r.cls))];
  const outcomes: Outcome[] = ["2xx-stored", "2xx", "4xx", "5xx", "2xx-LOST", "error"];
  const rows = classes.map((cls) => [
    cls,
    ...outcomes.map((o) => String(results.filter((r) => r.cls === cls && r.outcome === o).length)),
  ]);
  rows.push([
    "stuck after the worker ran",
    "",
    "",
    "",
    "",
    "",
    `${stuck.emails + stuck.deliveries + stuck.jobs}`,
  ]);
  console.log(
    `\n${formatTable(["endpoint class", ...outcomes], rows, [false, ...outcomes.map(() => true)])}\n`,
  );
  console.log(`stuck: ${stuck.emails} e-mail(s), ${stuck.deliveries} Meta deliveries, ${stuck.jobs} job(s)`);
  const defects = results.filter(
    (r) => r.outcome === "5xx" || r.outcome === "2xx-LOST" || r.outcome === "error",
  );
  for (const d of defects) console.log(`DEFECT ${d.cls} · ${d.name}: ${d.status} ${d.detail ?? ""}`);
  const total = defects.length + stuck.emails + stuck.deliveries + stuck.jobs;
  log(
    `${requests.length} requests, ${defects.length} defect(s), ${total - defects.length} stuck; ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  await owner.end().catch(() => {});
  return total === 0 ? 0 : 1;
}

async function send(base: string, r: Req) {
  try {
    const res = await fetch(base + r.path, {
      ...r.init,
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // HTML error pages, plain text: fine
    }
    let outcome: Outcome;
    if (res.status >= 500) outcome = "5xx";
    else if (res.status >= 400) outcome = "4xx";
    else if (res.status >= 300)
      outcome = "2xx"; // the no-JS form's redirect to the thank-you page
    else if (r.stored && body && typeof body === "object" && ("lead_id" in body || "email_id" in body))
      outcome = (await r.stored(body)) ? "2xx-stored" : "2xx-LOST";
    else outcome = "2xx";
    results.push({
      cls: r.cls,
      name: r.name,
      status: res.status,
      outcome,
      detail: outcome === "5xx" ? text.slice(0, 200) : undefined,
    });
  } catch (err) {
    results.push({ cls: r.cls, name: r.name, status: 0, outcome: "error", detail: describeError(err) });
  }
}

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

function mime(value: string): Buffer {
  const header = value.replace(/[\r\n]/g, " ");
  return Buffer.from(
    [
      `From: ${header} <kari@example.no>`,
      "To: post@inputs.example",
      `Subject: ${header}`,
      `Message-ID: <${randomUUID()}${header.slice(0, 20)}@example.no>`,
      "Date: Mon, 30 Nov 2026 10:00:00 +0100",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      `Hei, jeg vil kjøpe bilen. ${value}`,
      "",
    ].join("\r\n"),
    "utf8",
  );
}

function meta(name: string, value: Record<string, string>): Req {
  const body = JSON.stringify({
    object: "page",
    entry: [
      {
        id: value.page_id,
        time: 1,
        changes: [{ field: "leadgen", value: { ...value, created_time: 1764500000 } }],
      },
    ],
  });
  const signature = `sha256=${createHmac("sha256", META_SECRET).update(body).digest("hex")}`;
  return {
    cls: "Meta webhook (signed)",
    name,
    path: "/api/webhooks/facebook",
    init: {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signature },
      body,
    },
  };
}

main()
  .catch((err) => {
    console.error(describeError(err));
    return 1;
  })
  .then(async (code) => {
    await stopAllProcesses(15_000);
    await db?.stop();
    process.exit(code);
  });
