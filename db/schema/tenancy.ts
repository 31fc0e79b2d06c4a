import { sql } from "drizzle-orm";
import { pgPolicy, pgRole } from "drizzle-orm/pg-core";

/**
 * The role withSystem() switches to (SET LOCAL ROLE) for the few cross-tenant paths: login, session and API-key
 * lookup, webhook key resolution, housekeeping. NOLOGIN, no BYPASSRLS, granted to the app role. It is created
 * before migrations (scripts/lib/postgres.ts for the embedded cluster; by the operator on external Postgres).
 */
export const SYSTEM_ROLE = "norvalt_system";
export const systemRole = pgRole(SYSTEM_ROLE).existing();

// The tenant of the current transaction, set by withTenant() with set_config(..., true).
// NULLIF: once a session has used the setting, Postgres reports '' (not NULL) outside the transaction,
// and ''::uuid would raise instead of matching nothing.
const currentDealershipId = sql.raw(`nullif(current_setting('app.dealership_id', true), '')::uuid`);

/**
 * The two RLS policies every tenant table carries. They are separate policies for separate roles on purpose:
 * the app role sees only `tenant_isolation`, a plain equality the planner estimates well, so inbox queries keep
 * their index plans. FORCE ROW LEVEL SECURITY is set in a hand-written migration.
 */
export function tenantPolicies(column = "dealership_id") {
  const isolate = sql`${sql.raw(column)} = ${currentDealershipId}`;
  return [
    pgPolicy("tenant_isolation", {
      as: "permissive",
      for: "all",
      to: "public",
      using: isolate,
      withCheck: isolate,
    }),
    pgPolicy("system_access", {
      as: "permissive",
      for: "all",
      to: systemRole,
      using: sql`true`,
      withCheck: sql`true`,
    }),
  ];
}
