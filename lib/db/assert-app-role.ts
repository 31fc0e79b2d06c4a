import type pg from "pg";

export class RlsBypassError extends Error {}

/**
 * RLS is the second lock on tenant data, and it silently does nothing for a superuser or a BYPASSRLS role.
 * Production refuses to start on such a role; development warns loudly.
 */
export async function assertAppRoleRespectsRls(pool: pg.Pool, nodeEnv: string): Promise<void> {
  const { rows } = await pool.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
    "select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user",
  );
  const role = rows[0];
  if (!role || (!role.rolsuper && !role.rolbypassrls)) return;
  const message =
    `DATABASE_URL connects as "${role.rolname}", which ${role.rolsuper ? "is a superuser" : "has BYPASSRLS"}: ` +
    "row-level security would not isolate dealerships. Use a plain role (see README, 'External Postgres').";
  if (nodeEnv === "production") throw new RlsBypassError(message);
  console.warn(`\n⚠️  WARNING ⚠️  ${message}\n`);
}
