import pg from "pg";
import { formatTable } from "./bench-stats.ts";
import { migrateDatabase } from "./migrate.ts";
import { ensureDatabase, type DatabaseHandle } from "./postgres.ts";

/** A throw-away bench database, migrated, and an owner connection to set it up and read results with. */
export async function startBenchDatabase(
  database: string,
  log: (line: string) => void,
): Promise<{ db: DatabaseHandle; owner: pg.Client }> {
  const db = await ensureDatabase({ cluster: "bench", port: 0, database, ephemeral: true, log });
  await migrateDatabase(db.ownerUrl, db.appUrl, log);
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  // Stopping Postgres at the end closes this connection: not an error worth a crash.
  owner.on("error", () => {});
  await owner.connect();
  return { db, owner };
}

/** Runs `text` as the system role (the owner role sees tenant rows only that way) in its own transaction. */
export async function queryAsSystem<R extends pg.QueryResultRow>(
  owner: pg.Client,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  await owner.query("begin; set local role norvalt_system");
  try {
    return (await owner.query<R>(text, values)).rows;
  } finally {
    await owner.query("commit");
  }
}

/**
 * The bench dealership: open around the clock (replies are never held for opening hours) with one sales rep who
 * has a phone (so every lead also gets its SMS). `columns` adds or overrides dealership columns.
 */
export async function insertBenchDealership(
  owner: pg.Client,
  slug: string,
  columns: Record<string, string> = {},
): Promise<{ id: string; inboundEmailSecret: string }> {
  const always = [{ open: "00:00", close: "23:59" }];
  const hours = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, always]));
  const values: Record<string, string> = {
    name: "Bench Bil AS",
    slug,
    email: "bench@example.no",
    phone: "+47 55 00 00 00",
    form_key: `${slug}-form`,
    business_hours: JSON.stringify(hours),
    ...columns,
  };
  const names = Object.keys(values);
  const [row] = await queryAsSystem<{ id: string; inbound_email_secret: string }>(
    owner,
    `insert into dealerships (${names.join(", ")}) values (${names.map((_, i) => `$${i + 1}`).join(", ")})
     returning id, inbound_email_secret`,
    Object.values(values),
  );
  await queryAsSystem(
    owner,
    `insert into users (dealership_id, email, name, role, phone, phone_verified_at)
     values ($1, 'selger@bench.no', 'Siri Selger', 'sales_rep', '+4791234567', now())`,
    [row!.id],
  );
  return { id: row!.id, inboundEmailSecret: row!.inbound_email_secret };
}

/** The statements Postgres spent most time on in this database (pg_stat_statements), as a printable table. */
export async function formatTopStatements(owner: pg.Client, limit = 12): Promise<string> {
  // The owner role is NOINHERIT: its pg_read_all_stats membership applies only after SET ROLE.
  await owner.query("begin; set local role pg_read_all_stats");
  let rows: { calls: number; ms: number; mean: number; max: number; query: string }[];
  try {
    ({ rows } = await owner.query(
      `select calls::int, total_exec_time + total_plan_time as ms, mean_exec_time as mean, max_exec_time as max,
              regexp_replace(query, '\\s+', ' ', 'g') as query
         from pg_stat_statements
        where dbid = (select oid from pg_database where datname = current_database())
        order by total_exec_time + total_plan_time desc limit $1`,
      [limit],
    ));
  } finally {
    await owner.query("commit");
  }
  return formatTable(
    ["calls", "ms total", "mean", "max", "statement"],
    rows.map((r) => [
      String(r.calls),
      r.ms.toFixed(0),
      r.mean.toFixed(1),
      r.max.toFixed(0),
      r.query.slice(0, 100),
    ]),
    [true, true, true, true, false],
  );
}
