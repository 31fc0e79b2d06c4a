// Scale data set for performance work: N dealerships ("scale-0001"…) with 3 users each and M leads (plus one
// inbound message per lead) spread evenly over them and over the last 365 days. Rows are generated inside
// Postgres with INSERT … SELECT … FROM generate_series, in batches, each batch its own transaction under
// SET LOCAL ROLE norvalt_system (every tenant table has FORCED row-level security, and COPY FROM is refused on
// such tables for non-superusers).
import { getLogger } from "../../lib/log/logger.ts";
import { SYSTEM_ROLE } from "../../db/schema/tenancy.ts";
import { cpus } from "node:os";
import pg from "pg";

export type SeedScaleOptions = {
  /** Owner URL preferred: VACUUM/ANALYZE and the temporary index used when rebuilding need the table owner. */
  ownerOrAppUrl: string;
  leads: number;
  dealerships: number;
  log?: (s: string) => void;
  /** Leads per INSERT statement (default 50 000). */
  batchSize?: number;
  /** Also write one inbound message (conversations row) per lead. Default true. */
  messages?: boolean;
  /** Parallel batches (default: 2, or 1 on a single-CPU machine). */
  concurrency?: number;
};

export type SeedScaleResult = {
  created: boolean;
  dealerships: number;
  leads: number;
  /** Wall time in all, including deleteSeconds. */
  seconds: number;
  /** Time spent removing a previous, different scale set. */
  deleteSeconds: number;
};

export const SCALE_SLUG_PREFIX = "scale-";
const SCALE_SLUG_LIKE = `${SCALE_SLUG_PREFIX}%`;
const SALES_REPS_PER_DEALERSHIP = 2;

// ---------------------------------------------------------------------------------------------------------------
// Progress bar (stderr, updated in place)

function formatCount(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 1_000) return `${(n / 1_000).toFixed(n >= 10_000 ? 0 : 1)}k`;
  return String(Math.round(n));
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}m${String(s).padStart(2, "0")}s`;
}

export function createProgressBar(total: number, unit: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  let lastLength = 0;
  const render = (done: number): string => {
    const width = 24;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * width);
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    return (
      `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ` +
      `${done}/${total} ${unit}  ${formatCount(rate)} ${unit}/s  ` +
      (done >= total ? `done in ${formatDuration(elapsed)}` : `ETA ${formatDuration(eta)}`)
    );
  };
  return {
    update(done: number) {
      const line = render(done);
      stream.write(`\r${line}${" ".repeat(Math.max(0, lastLength - line.length))}`);
      lastLength = line.length;
    },
    finish(done: number) {
      this.update(done);
      stream.write("\n");
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reference data, inlined into the generating SQL as array literals

// prettier-ignore
const FIRST_NAMES = [
  "Ola", "Kari", "Per", "Anne", "Lars", "Ingrid", "Jonas", "Nora", "Emil", "Sofie", "Henrik", "Ida", "Magnus",
  "Thea", "Sander", "Emma", "Martin", "Maja", "Andreas", "Ingeborg", "Kristian", "Silje", "Håkon", "Marte",
  "Eirik", "Hanne", "Øyvind", "Tone", "Bjørn", "Solveig", "Jørgen", "Ragnhild", "Tor", "Astrid", "Sindre",
  "Camilla", "Vegard", "Linn", "Espen", "Åse", "Mathias", "Hedda", "Trond", "Marit", "Fredrik", "Guro",
];
// prettier-ignore
const LAST_NAMES = [
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
  "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
  "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Strand", "Moen", "Solberg",
  "Bakken", "Kristoffersen", "Lie", "Amundsen", "Nygård", "Holm", "Bakke", "Ødegård", "Løken", "Brekke", "Aas",
  "Fjeld",
];
// Weighted by repetition: EVs dominate the Norwegian market.
// prettier-ignore
const VEHICLES = [
  "Tesla Model Y Long Range 2022", "Tesla Model Y RWD 2023", "Tesla Model Y Long Range 2023",
  "Tesla Model 3 Long Range 2021", "Tesla Model 3 RWD 2023", "Volkswagen ID.4 Pro 2022",
  "Volkswagen ID.4 GTX 2021", "Volkswagen ID.3 Pro 2021", "Toyota bZ4X AWD 2023", "Toyota RAV4 Hybrid 2021",
  "Toyota Corolla Hybrid 2020", "Toyota Yaris Cross Hybrid 2022", "Skoda Enyaq iV 80 2022",
  "Skoda Enyaq Coupé 2023", "Volvo EX30 2024", "Volvo XC40 Recharge 2022", "Volvo XC60 Recharge 2021",
  "Hyundai Ioniq 5 2022", "Hyundai Kona Electric 2021", "Kia EV6 2022", "Kia Niro EV 2023", "BMW iX3 2022",
  "BMW i4 eDrive40 2023", "Audi Q4 e-tron 2023", "Audi e-tron 55 2020", "Polestar 2 Long Range 2021",
  "Nissan Leaf e+ 2020", "MG MG4 Luxury 2023", "BYD Atto 3 2023", "Mercedes-Benz EQA 250 2022",
  "Ford Mustang Mach-E 2022", "Peugeot e-2008 2022", "Volkswagen Golf 1.5 eTSI 2021",
  "Skoda Octavia Combi TDI 2020", "Toyota Land Cruiser 2019", "Elbil, familiebil", "Brukt elbil under 300 000",
];
const MESSAGES = [
  "Hei! Jeg er interessert i {bil}. Er den fortsatt tilgjengelig, og kan jeg komme på prøvekjøring på lørdag?",
  "Hei, kan jeg få prøvekjøre {bil} i morgen ettermiddag?",
  "Hei, jeg vurderer {bil} og har en 2016 VW Golf jeg ønsker å bytte inn. Hva kan dere gi i innbytte?",
  "Tilbyr dere privatleasing på {bil}? Hva blir månedsprisen med 36 mnd og 15 000 km i året?",
  "Hei, hvilke muligheter har dere for finansiering av {bil}? Jeg har ca. 20 % egenkapital.",
  "Hvis jeg bestemmer meg for {bil}, hvor raskt kan den leveres? Kan dere levere til Drammen?",
  "Har {bil} full servicehistorikk? Og hvordan er batterikapasiteten?",
  "Hvor lang rekkevidde har {bil} om vinteren? Har den varmepumpe og hengerfeste?",
  "Hei, jeg så annonsen for {bil} på Finn. Kan noen ringe meg?",
  "Hva er beste pris på {bil} ved rask avgjørelse?",
  "Er {bil} fortsatt til salgs? Ønsker mer informasjon.",
];
// prettier-ignore
const CITIES = [
  "Oslo", "Bergen", "Trondheim", "Stavanger", "Kristiansand", "Tromsø", "Drammen", "Fredrikstad", "Sandnes",
  "Ålesund", "Bodø", "Hamar", "Lillehammer", "Haugesund", "Tønsberg", "Molde", "Gjøvik", "Arendal",
];

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlArray = (items: readonly string[]) => `ARRAY[${items.map(sqlText).join(",")}]::text[]`;
const pickFrom = (items: readonly string[], r: string) =>
  `(${sqlArray(items)})[1 + floor(${r} * ${items.length})::int]`;

/**
 * UUIDv7-style ids (48-bit millisecond timestamp, then random bits) for rows created in time order: the primary-key
 * indexes then grow at their right edge instead of at a million random places, which is most of the I/O and
 * WAL of a bulk load. The app's own rows keep random v4 ids; no query orders or filters by id value.
 */
const timeOrderedUuid = (ts: string) => {
  const hex = `lpad(to_hex(floor(date_part('epoch', ${ts}) * 1000)::bigint), 12, '0')`;
  return `(substr(${hex}, 1, 8) || '-' || substr(${hex}, 9, 4) || '-7' || substr(gen_random_uuid()::text, 16))::uuid`;
};

/**
 * One batch: leads n = $3…$4 of $5, dealership index n % $6, plus one inbound message each.
 * $1 dealership ids, $2 sales-rep ids (2 per dealership, in dealership order).
 * created_at follows n (oldest first, as a real table fills), so the physical order resembles production.
 */
function leadsBatchSql(withMessages: boolean): string {
  const generate = `
WITH g AS (
  SELECT n,
         n % $6::int AS d,
         365.0 * (1 - n::float8 / $5::float8) AS age_days,
         random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
         random() AS r7, random() AS r8, random() AS r9, random() AS r10, random() AS r11, random() AS r12
  FROM generate_series($3::int, $4::int) AS n
), s AS (
  SELECT g.*,
    greatest(now() - make_interval(secs => age_days * 86400 + r10 * 3600), now() - interval '365 days')
      AS created_at,
    (CASE
      WHEN age_days < 2 THEN CASE WHEN r1 < 0.65 THEN 'new' ELSE 'contacted' END
      WHEN age_days < 14 THEN CASE WHEN r1 < 0.15 THEN 'new' WHEN r1 < 0.65 THEN 'contacted'
                                   WHEN r1 < 0.85 THEN 'qualified' WHEN r1 < 0.93 THEN 'won' ELSE 'lost' END
      ELSE CASE WHEN r1 < 0.03 THEN 'new' WHEN r1 < 0.28 THEN 'contacted' WHEN r1 < 0.41 THEN 'qualified'
                WHEN r1 < 0.61 THEN 'won' ELSE 'lost' END
    END) AS status,
    (CASE WHEN r2 < 0.42 THEN 'website' WHEN r2 < 0.72 THEN 'email' WHEN r2 < 0.92 THEN 'facebook'
          WHEN r2 < 0.98 THEN 'manual' ELSE 'api' END) AS source,
    ${pickFrom(FIRST_NAMES, "r3")} || ' ' || ${pickFrom(LAST_NAMES, "r4")} AS customer_name,
    CASE WHEN r5 < 0.9 THEN '+47' || CASE WHEN r5 < 0.5 THEN '9' ELSE '4' END
                            || lpad(floor(r6 * 10000000)::int::text, 7, '0') END AS phone,
    ${pickFrom(VEHICLES, "r7")} AS vehicle_interest,
    ${pickFrom(MESSAGES, "r9")} AS message_template,
    CASE WHEN r8 < 0.9 THEN ($2::uuid[])[1 + (n % $6::int) * ${SALES_REPS_PER_DEALERSHIP} + floor(r8 / 0.45)::int] END
      AS assigned_to,
    CASE WHEN r11 < 0.9 THEN 15 + floor(r11 / 0.9 * 75)::int ELSE 90 + floor((r11 - 0.9) * 36000)::int END
      AS response_seconds
  FROM g
), l AS (
  SELECT s.*,
    CASE WHEN status <> 'new' THEN created_at + make_interval(secs => response_seconds) END AS first_response_at,
    CASE WHEN status = 'won' THEN least(now(), created_at + make_interval(days => 1 + floor(r12 * 20)::int)) END
      AS converted_at
  FROM s
)`;
  const insertLeads = `
  INSERT INTO leads (id, dealership_id, source, status, customer_name, customer_email, customer_phone,
                     email_normalized, phone_normalized, vehicle_interest, initial_message, lead_score,
                     assigned_to, last_submission_at, created_at, updated_at, last_contact_at,
                     first_response_at, first_response_seconds, converted_at)
  SELECT ${timeOrderedUuid("created_at")}, ($1::uuid[])[1 + d], source, status, customer_name,
         'kunde' || n || '@example.no',
         CASE WHEN phone IS NOT NULL
              THEN '+47 ' || substr(phone, 4, 3) || ' ' || substr(phone, 7, 2) || ' ' || substr(phone, 9, 3) END,
         'kunde' || n || '@example.no', phone, vehicle_interest,
         replace(message_template, '{bil}', vehicle_interest),
         CASE status WHEN 'won' THEN 85 WHEN 'qualified' THEN 70 WHEN 'lost' THEN 25 ELSE 45 END
           + floor(r12 * 15)::int,
         assigned_to, created_at, created_at,
         coalesce(converted_at, first_response_at, created_at),
         first_response_at, first_response_at,
         CASE WHEN first_response_at IS NOT NULL THEN response_seconds END,
         converted_at
  FROM l`;
  if (!withMessages) return generate + insertLeads;
  return `${generate.slice(0, -1)}), ins AS (${insertLeads}
  RETURNING id, dealership_id, source, customer_name, vehicle_interest, initial_message, created_at
)
INSERT INTO conversations (id, dealership_id, lead_id, channel, direction, sender, sender_type, subject,
                           message_content, created_at)
SELECT ${timeOrderedUuid("created_at")}, dealership_id, id,
       (CASE source WHEN 'facebook' THEN 'facebook' WHEN 'manual' THEN 'manual' ELSE 'email' END),
       'inbound', customer_name, 'customer', 'Henvendelse: ' || vehicle_interest, initial_message, created_at
FROM ins`;
}

// ---------------------------------------------------------------------------------------------------------------

async function inSystemTx<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SET LOCAL ROLE ${SYSTEM_ROLE}`);
    // Bulk load: a crash loses at most the last batches, never consistency.
    await client.query("SET LOCAL synchronous_commit = off");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function existingScale(pool: pg.Pool): Promise<{ dealerships: number; leads: number }> {
  return inSystemTx(pool, async (c) => {
    const { rows } = await c.query<{ dealerships: number; leads: number }>(
      `select (select count(*)::int from dealerships where slug like $1) as dealerships,
              (select count(*)::int from leads l join dealerships d on d.id = l.dealership_id where d.slug like $1)
                as leads`,
      [SCALE_SLUG_LIKE],
    );
    return rows[0] ?? { dealerships: 0, leads: 0 };
  });
}

/**
 * Removes the scale set, in the fastest order measured (1M leads + 1M messages: ~65 s vs ~250 s for a plain
 * cascading DELETE of the dealerships): leads first (their messages, events and history go by cascade through
 * indexed lead_id columns), VACUUM, then the dealerships and their users. Deleting the dealerships first would
 * make every deleted user and lead run a foreign-key action against columns without an index of their own
 * (leads.assigned_to, leads.duplicate_of_lead_id, conversations.sender_user_id, …): a scan of a million-row
 * table per row. A temporary partial index covers leads.duplicate_of_lead_id (needs the table owner).
 */
async function deleteScaleSet(pool: pg.Pool, log: (s: string) => void): Promise<number> {
  const started = performance.now();
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
  const tmpIndex = "norvalt_seed_tmp_leads_duplicate_of_idx";
  let createdIndex = false;
  try {
    await pool.query(
      `CREATE INDEX IF NOT EXISTS ${tmpIndex} ON leads (duplicate_of_lead_id) WHERE duplicate_of_lead_id IS NOT NULL`,
    );
    createdIndex = true;
  } catch (err) {
    log(`  (could not create a helper index, deleting may be slow: ${(err as Error).message})`);
  }
  try {
    await inSystemTx(pool, (c) =>
      c.query(`DELETE FROM leads WHERE dealership_id IN (SELECT id FROM dealerships WHERE slug LIKE $1)`, [
        SCALE_SLUG_LIKE,
      ]),
    );
    log(`  deleted the old scale leads and their messages (${elapsed()} s)`);
    await vacuum(pool, ["leads", "conversations", "lead_events", "lead_status_history", "notes"], false, log);
    await inSystemTx(pool, (c) => c.query(`DELETE FROM dealerships WHERE slug LIKE $1`, [SCALE_SLUG_LIKE]));
    log(`  deleted the old scale dealerships (${elapsed()} s in all)`);
  } finally {
    if (createdIndex) await pool.query(`DROP INDEX IF EXISTS ${tmpIndex}`).catch(() => {});
  }
  return (performance.now() - started) / 1000;
}

async function vacuum(pool: pg.Pool, tables: string[], analyze: boolean, log: (s: string) => void) {
  const client = await pool.connect();
  const warnings: string[] = [];
  const onNotice = (n: { message?: string }) => n.message && warnings.push(n.message);
  client.on("notice", onNotice);
  try {
    // Needs the table owner (or MAINTAIN); the app role gets a warning per table and nothing happens.
    await client.query(`VACUUM ${analyze ? "(ANALYZE) " : ""}${tables.join(", ")}`);
  } catch (err) {
    warnings.push((err as Error).message);
  } finally {
    client.off("notice", onNotice);
    client.release();
  }
  if (warnings.length > 0) log(`  VACUUM${analyze ? "/ANALYZE" : ""} skipped: ${warnings[0]}`);
}

async function createDealerships(pool: pg.Pool, count: number) {
  return inSystemTx(pool, async (c) => {
    await c.query(
      `INSERT INTO dealerships (name, slug, email, phone, address, city, form_key, subscription_tier, ai_mode, created_at)
       SELECT 'Skalabil ' || num || ' AS',
              'scale-' || num,
              'post@scale-' || num || '.example.no',
              '+47' || (22000000 + i * 37)::text,
              'Testveien ' || i || ', ' || lpad((1000 + i % 8000)::text, 4, '0') || ' ' || city,
              city,
              replace(gen_random_uuid()::text, '-', ''),
              (ARRAY['starter','pro','enterprise'])[1 + i % 3],
              (ARRAY['autopilot','autopilot','autopilot','draft','off'])[1 + i % 5],
              now() - interval '400 days'
       FROM (SELECT i,
                    CASE WHEN i < 10000 THEN lpad(i::text, 4, '0') ELSE i::text END AS num,
                    (${sqlArray(CITIES)})[1 + i % ${CITIES.length}] AS city
             FROM generate_series(1, $1::int) AS i) x`,
      [count],
    );
    await c.query(
      `INSERT INTO users (dealership_id, email, name, phone, role, email_verified_at)
       SELECT d.id, r.local || '@' || d.slug || '.example.no',
              (${sqlArray(FIRST_NAMES)})[1 + floor(random() * ${FIRST_NAMES.length})::int] || ' ' ||
                (${sqlArray(LAST_NAMES)})[1 + floor(random() * ${LAST_NAMES.length})::int],
              '+479' || lpad(floor(random() * 10000000)::int::text, 7, '0'),
              r.role, now()
       FROM dealerships d
       CROSS JOIN (VALUES ('admin', 'admin'), ('selger1', 'sales_rep'), ('selger2', 'sales_rep')) AS r(local, role)
       WHERE d.slug like $1`,
      [SCALE_SLUG_LIKE],
    );
    const { rows } = await c.query<{ id: string; reps: string[] }>(
      `SELECT d.id, array_agg(u.id ORDER BY u.email) AS reps
       FROM dealerships d JOIN users u ON u.dealership_id = d.id AND u.role = 'sales_rep'
       WHERE d.slug like $1
       GROUP BY d.id, d.slug
       ORDER BY d.slug`,
      [SCALE_SLUG_LIKE],
    );
    return {
      dealershipIds: rows.map((r) => r.id),
      repIds: rows.flatMap((r) => r.reps.slice(0, SALES_REPS_PER_DEALERSHIP)),
    };
  });
}

export async function seedScale(options: SeedScaleOptions): Promise<SeedScaleResult> {
  const log = options.log ?? ((line: string) => getLogger("seed").info(line));
  const total = options.leads;
  const dealershipCount = options.dealerships;
  if (!Number.isInteger(total) || total < 1)
    throw new Error(`leads must be a positive integer, got ${total}`);
  if (!Number.isInteger(dealershipCount) || dealershipCount < 1) {
    throw new Error(`dealerships must be a positive integer, got ${dealershipCount}`);
  }
  const batchSize = options.batchSize ?? 50_000;
  const concurrency = options.concurrency ?? Math.max(1, Math.min(2, cpus().length));
  const started = performance.now();
  const pool = new pg.Pool({
    connectionString: options.ownerOrAppUrl,
    max: concurrency + 1,
    application_name: "norvalt-seed-scale",
  });
  pool.on("error", (err) => log(`[seed-scale] idle client error: ${err.message}`));

  try {
    let deleteSeconds = 0;
    const existing = await existingScale(pool);
    if (existing.dealerships >= dealershipCount && existing.leads >= total) {
      log(
        `Scale data already present: ${existing.dealerships} scale dealerships, ${existing.leads} leads ` +
          `(requested ${dealershipCount} / ${total}): nothing to do.`,
      );
      return {
        created: false,
        dealerships: existing.dealerships,
        leads: existing.leads,
        seconds: 0,
        deleteSeconds: 0,
      };
    }
    if (existing.dealerships > 0) {
      log(
        `Rebuilding the scale set: found ${existing.dealerships} dealerships / ${existing.leads} leads, ` +
          `requested ${dealershipCount} / ${total}.`,
      );
      deleteSeconds = await deleteScaleSet(pool, log);
    }

    const { dealershipIds, repIds } = await createDealerships(pool, dealershipCount);
    log(`Created ${dealershipIds.length} dealerships (${SCALE_SLUG_PREFIX}…) with 3 users each.`);

    const batches: [from: number, to: number][] = [];
    for (let from = 1; from <= total; from += batchSize)
      batches.push([from, Math.min(total, from + batchSize - 1)]);
    const withMessages = options.messages ?? true;
    const batchSql = leadsBatchSql(withMessages);
    const bar = createProgressBar(total, "leads");
    let done = 0;
    bar.update(0);
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const [from, to] = batches[next++]!;
        await inSystemTx(pool, (c) =>
          c.query(batchSql, [dealershipIds, repIds, from, to, total, dealershipIds.length]),
        );
        done += to - from + 1;
        bar.update(done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
    bar.finish(done);

    const analyzeStarted = performance.now();
    await vacuum(pool, ["dealerships", "users", "leads", "conversations"], true, log);
    log(`VACUUM (ANALYZE) done in ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s.`);

    const seconds = (performance.now() - started) / 1000;
    log(
      `Scale data ready: ${dealershipIds.length} dealerships, ${total} leads` +
        (withMessages ? ` and ${total} messages` : "") +
        ` in ${seconds.toFixed(1)} s` +
        (deleteSeconds > 0
          ? ` (${deleteSeconds.toFixed(1)} s removing the old set, ${(seconds - deleteSeconds).toFixed(1)} s building).`
          : "."),
    );
    return { created: true, dealerships: dealershipIds.length, leads: total, seconds, deleteSeconds };
  } finally {
    await pool.end();
  }
}
