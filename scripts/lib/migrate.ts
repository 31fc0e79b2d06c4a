import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { PgBoss } from "pg-boss";
import pg from "pg";
import { migrateRenamedQueues, QUEUE_RENAMES } from "../../jobs/queue-renames.ts";
import { provisionQueues } from "../../jobs/queues.ts";
import { jobRegistry } from "../../jobs/registry.ts";
import { SYSTEM_ROLE } from "../../db/schema/tenancy.ts";
import { BOSS_SCHEMA } from "../../lib/jobs/boss.ts";
import { PROJECT_ROOT } from "./postgres.ts";

/**
 * Applies db/migrations and the pg-boss schema as the owner role, creates the job queues (moving the waiting jobs
 * of renamed ones, jobs/queue-renames.ts), and grants the app role exactly what it needs: DML on our tables, the
 * pg-boss schema, nothing that changes structure.
 */
export async function migrateDatabase(
  ownerUrl: string,
  appUrl: string,
  log: (line: string) => void = console.log,
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
  `);
}
