import { drizzle } from "drizzle-orm/node-postgres";
import { getLogger } from "../../lib/log/logger.ts";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { PgBoss } from "pg-boss";
import pg from "pg";
import { migrateRenamedQueues, QUEUE_RENAMES } from "../../jobs/queue-renames.ts";
import { provisionQueues } from "../../jobs/queues.ts";
import { jobRegistry } from "../../jobs/registry.ts";
import { SYSTEM_ROLE } from "../../db/schema/tenancy.ts";
import { BOSS_SCHEMA } from "../../lib/jobs/boss.ts";
import {
  hashSuppressionAddress,
  SUPPRESSION_HASH_PREFIX,
} from "../../lib/suppressions/hash-suppression-address.ts";
import { normaliseEmail, normalisePhone } from "../../lib/leads/normalise-contact.ts";
import { PROJECT_ROOT } from "./postgres.ts";

/**
 * Applies db/migrations and the pg-boss schema as the owner role, creates the job queues (moving the waiting jobs
 * of renamed ones, jobs/queue-renames.ts), and grants the app role exactly what it needs: DML on our tables, the
 * pg-boss schema, nothing that changes structure.
 */
export async function migrateDatabase(
  ownerUrl: string,
  appUrl: string,
  log: (line: string) => void = (line) => getLogger("migrate").info(line),
) {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  try {
    await assertSystemRoleExists(pool);
    await migrate(drizzle(pool), { migrationsFolder: `${PROJECT_ROOT}/db/migrations` });
    log("schema migrated (db/migrations)");

    const boss = new PgBoss({
      connectionString: ownerUrl,
      schema: BOSS_SCHEMA,
      supervise: false,
      schedule: false,
    });
    boss.on("error", (err) => log(`pg-boss: ${err.message}`));
    await boss.start();
    await provisionQueues(boss, jobRegistry);
    log(`job queues ready: ${jobRegistry.map((j) => j.name).join(", ")}`);
    // After the new queues exist: their waiting jobs move in.
    await migrateRenamedQueues(boss, pool, BOSS_SCHEMA, QUEUE_RENAMES, log);
    await boss.stop({ graceful: false });

    const appRole = decodeURIComponent(new URL(appUrl).username);
    const ownerRole = decodeURIComponent(new URL(ownerUrl).username);
    const grantees = appRole && appRole !== ownerRole ? [appRole, SYSTEM_ROLE] : [SYSTEM_ROLE];
    for (const role of grantees) await grantDml(pool, role);
    log(`privileges granted to ${grantees.join(", ")}`);
    // After the grants: it runs as the system role, the only one RLS lets see every dealership's rows.
    const hashed = await hashPlaintextSuppressions(pool);
    if (hashed > 0) log(`suppressions: ${hashed} plaintext addresses replaced by their keyed hash`);
    if (appRole && appRole !== ownerRole && (await setRoleTimeouts(pool, appRole)))
      log(
        `timeouts set for ${appRole}: statement ${APP_STATEMENT_TIMEOUT}, idle in transaction ${APP_IDLE_IN_TX_TIMEOUT}`,
      );
  } finally {
    await pool.end();
  }
}

/** The policies name the system role, so it must exist first; creating roles is not the owner's job. */
async function assertSystemRoleExists(pool: pg.Pool) {
  const { rowCount } = await pool.query("select 1 from pg_roles where rolname = $1", [SYSTEM_ROLE]);
  if (!rowCount) {
    throw new Error(
      `Role ${SYSTEM_ROLE} does not exist. As a superuser run: CREATE ROLE ${SYSTEM_ROLE} NOLOGIN NOBYPASSRLS; ` +
        `GRANT ${SYSTEM_ROLE} TO <app role>, <owner role>;  (see README, "External Postgres")`,
    );
  }
}

/**
 * Per-role limits, so they hold through PgBouncer in transaction mode too (a pooler drops per-session SETs): a
 * runaway query of the app is cancelled, a transaction left open by a crashed request releases its locks. The
 * owner role (migrations) has none: an index build may take longer.
 */
export const APP_STATEMENT_TIMEOUT = process.env.NORVALT_APP_STATEMENT_TIMEOUT ?? "30s";
export const APP_IDLE_IN_TX_TIMEOUT = process.env.NORVALT_APP_IDLE_IN_TX_TIMEOUT ?? "60s";

async function setRoleTimeouts(pool: pg.Pool, role: string): Promise<boolean> {
  const r = pg.escapeIdentifier(role);
  const { rows } = await pool.query<{ can: boolean }>(
    "select rolsuper or rolcreaterole as can from pg_roles where rolname = current_user",
  );
  // Without CREATEROLE the owner may not: the superuser sets them once (README, "Deploy").
  if (!rows[0]?.can) return false;
  await pool.query(`ALTER ROLE ${r} SET statement_timeout = ${pg.escapeLiteral(APP_STATEMENT_TIMEOUT)}`);
  await pool.query(
    `ALTER ROLE ${r} SET idle_in_transaction_session_timeout = ${pg.escapeLiteral(APP_IDLE_IN_TX_TIMEOUT)}`,
  );
  return true;
}

async function grantDml(pool: pg.Pool, role: string) {
  const r = pg.escapeIdentifier(role);
  const s = pg.escapeIdentifier(BOSS_SCHEMA);
  await pool.query(`
    GRANT USAGE ON SCHEMA public TO ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    GRANT USAGE ON SCHEMA ${s} TO ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${r};
    GRANT USAGE ON SCHEMA drizzle TO ${r};
    GRANT SELECT ON drizzle.__drizzle_migrations TO ${r};
  `);
}

/**
 * Migration 0016's data step, in code because the key is the server's secret: suppressions stored before it hold
 * the address itself; each becomes its keyed hash of the normalised address (as isSuppressed hashes it: lower-case
 * e-mail, E.164 phone), and a duplicate of an existing hash is dropped. Idempotent.
 */
async function hashPlaintextSuppressions(pool: pg.Pool): Promise<number> {
  // The table's RLS is forced, for its owner too: under the owner's own role no row is visible.
  const client = await pool.connect();
  try {
    await client.query(`begin; set local role ${SYSTEM_ROLE}`);
    const { rows } = await client.query<{
      id: string;
      dealership_id: string;
      channel: "email" | "sms";
      address: string;
    }>("select id, dealership_id, channel, address from suppressions where left(address, 3) <> $1", [
      SUPPRESSION_HASH_PREFIX,
    ]);
    for (const row of rows) {
      await client.query(
        `with taken as (select 1 from suppressions where dealership_id = $1 and channel = $2 and address = $3)
         update suppressions set address = $3 where id = $4 and not exists (select 1 from taken)`,
        [row.dealership_id, row.channel, hashSuppressionAddress(row.channel, normalised(row)), row.id],
      );
      await client.query("delete from suppressions where id = $1 and left(address, 3) <> $2", [
        row.id,
        SUPPRESSION_HASH_PREFIX,
      ]);
    }
    await client.query("commit");
    return rows.length;
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

const normalised = (row: { channel: "email" | "sms"; address: string }) =>
  (row.channel === "email" ? normaliseEmail(row.address) : normalisePhone(row.address)) ?? row.address;
