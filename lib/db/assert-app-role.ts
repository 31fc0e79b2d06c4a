import type pg from "pg";
import { SYSTEM_ROLE } from "../../db/schema/tenancy.ts";
import { getLogger } from "../log/logger.ts";

export class RlsBypassError extends Error {}

/**
 * RLS is the second lock on tenant data, and it silently does nothing for a superuser or a BYPASSRLS role (and
 * a table owner could switch it off).
 * Production refuses to start on such a role; development warns loudly.
 */
export async function assertAppRoleRespectsRls(pool: pg.Pool, nodeEnv: string): Promise<void> {
  const { rows } = await pool.query<{
    rolname: string;
    rolsuper: boolean;
    rolbypassrls: boolean;
    inherits_system: boolean;
    owns_tables: boolean;
  }>(
    `select rolname, rolsuper, rolbypassrls,
            coalesce(pg_has_role(current_user, (select oid from pg_roles where rolname = $1), 'USAGE'), false) as inherits_system,
            exists (select 1 from pg_tables where schemaname = 'public' and tableowner = current_user) as owns_tables
       from pg_roles where rolname = current_user`,
    [SYSTEM_ROLE],
  );
  const role = rows[0];
  if (!role || (!role.rolsuper && !role.rolbypassrls && !role.inherits_system && !role.owns_tables)) return;
  const reason = role.rolsuper
    ? "is a superuser"
    : role.rolbypassrls
      ? "has BYPASSRLS"
      : role.inherits_system
        ? `inherits ${SYSTEM_ROLE} (make it NOINHERIT)`
        : "owns the tables and could drop their policies (set MIGRATION_DATABASE_URL to a separate owner role)";
  const message =
    `DATABASE_URL connects as "${role.rolname}", which ${reason}: ` +
    "row-level security would not isolate dealerships. Use a plain role (see README, 'External Postgres').";
  if (nodeEnv === "production") throw new RlsBypassError(message);
  getLogger("db").warn(`\n⚠️  WARNING ⚠️  ${message}\n`);
}
