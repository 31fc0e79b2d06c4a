// npm run demo:try-replies — with `npm run demo` running, posts three leads to the demo website form (a price
// question, a trade-in question and, with the dealership briefly set to closed today, an after-hours lead) and
// prints how soon each reply and the rep's SMS reached the outbox, with their text. Restores the opening hours.
import "./lib/load-env-files.ts";
import pg from "pg";
import { describeError } from "./lib/describe-error.ts";
import { OWNER_ROLE } from "./lib/postgres.ts";

const APP_URL = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const FORM_KEY = process.env.NORVALT_DEMO_FORM_KEY ?? "fjordbil-demo";
const DATABASE_URL =
  process.env.MIGRATION_DATABASE_URL ??
  `postgres://${OWNER_ROLE.name}:${OWNER_ROLE.password}@127.0.0.1:${process.env.NORVALT_PG_PORT ?? 54329}/norvalt`;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const WAIT_MS = 20_000;

type Outbox = { body_text: string; subject: string | null; to_address: string; created_at: Date };

async function main() {
  const owner = new pg.Client({ connectionString: DATABASE_URL });
  await owner.connect();
  // The owner role is subject to forced RLS too: read across the tenant as the system role.
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    await owner.query("begin; set local role norvalt_system");
    try {
      return (await owner.query<T>(text, values)).rows;
    } finally {
      await owner.query("commit");
    }
  };
  try {
    const [shop] = await query<{ id: string; business_hours: unknown; timezone: string }>(
      "select id, business_hours, timezone from dealerships where form_key = $1",
      [FORM_KEY],
    );
    if (!shop) throw new Error(`no dealership has the form key "${FORM_KEY}": is this the demo database?`);
    const stamp = Date.now();
    await tryLead(query, "price question", {
      name: "Kari Nordmann",
      email: `kari.${stamp}@example.no`,
      phone: "91234567",
      vehicle_interest: "Tesla Model Y Long Range",
      message: "Hei! Hva koster Model Y-en dere har inne, og kan dere gi noe i avslag hvis jeg kjøper i dag?",
    });
    await tryLead(query, "trade-in question", {
      name: "Ola Hansen",
      email: `ola.${stamp}@example.no`,
      phone: "92345678",
      vehicle_interest: "Volkswagen ID.4",
      message: "Jeg er interessert i ID.4. Hva får jeg for min Golf 2015 med 140 000 km i innbytte?",
    });
    const today = new Date().toLocaleDateString("en-US", { timeZone: shop.timezone, weekday: "short" });
    const tomorrow = DAYS[(DAYS.findIndex((d) => today.toLowerCase().startsWith(d)) + 1) % 7]!;
    const closedToday = Object.fromEntries(
      DAYS.map((d) => [d, d === tomorrow ? [{ open: "08:00", close: "17:00" }] : []]),
    );
    await query("update dealerships set business_hours = $2 where id = $1", [
      shop.id,
      JSON.stringify(closedToday),
    ]);
    try {
      await tryLead(query, "after hours (closed today, open tomorrow from 08.00)", {
        name: "Per Olsen",
        email: `per.${stamp}@example.no`,
        vehicle_interest: "Toyota RAV4 Hybrid",
        message: "Kan jeg komme på prøvekjøring?",
      });
    } finally {
      await query("update dealerships set business_hours = $2 where id = $1", [
        shop.id,
        JSON.stringify(shop.business_hours),
      ]);
    }
  } finally {
    await owner.end();
  }
}

async function tryLead(
  query: <T extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<T[]>,
  label: string,
  fields: Record<string, string>,
) {
  console.log(`\n=== ${label}: posting to ${APP_URL}/api/webhooks/form/${FORM_KEY} …`);
  const res = await fetch(`${APP_URL}/api/webhooks/form/${FORM_KEY}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fields),
  });
  const acceptedAt = Date.now();
  if (!res.ok) throw new Error(`the form answered ${res.status}: ${await res.text()}`);
  const { lead_id: leadId } = (await res.json()) as { lead_id: string };
  let email: Outbox | undefined;
  let sms: Outbox | undefined;
  while (Date.now() - acceptedAt < WAIT_MS && !(email && sms)) {
    const rows = await query<Outbox & { channel: string }>(
      "select channel, body_text, subject, to_address, created_at from outbox_messages where lead_id = $1",
      [leadId],
    );
    email = rows.find((r) => r.channel === "email");
    sms = rows.find((r) => r.channel === "sms");
    if (!(email && sms)) await new Promise((r) => setTimeout(r, 25));
  }
  const after = (row?: Outbox) =>
    row ? `${new Date(row.created_at).getTime() - acceptedAt} ms` : `not within ${WAIT_MS / 1000} s`;
  console.log(`lead ${leadId}: e-mail in the outbox ${after(email)} after the 200, rep SMS ${after(sms)}`);
  if (email) console.log(`\nSubject: ${email.subject}\nTo: ${email.to_address}\n\n${email.body_text}`);
  if (sms) console.log(`\n--- SMS to ${sms.to_address}:\n${sms.body_text}`);
}

main().catch((err) => {
  console.error(`demo:try-replies failed: ${describeError(err)}`);
  process.exit(1);
});
