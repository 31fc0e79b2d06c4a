import { sql, type SQL } from "drizzle-orm";
import { pgPolicy } from "drizzle-orm/pg-core";

// The tenant of the current transaction, set by withTenant() with set_config(..., true).
// NULLIF: once a session has used the setting, Postgres reports '' (not NULL) outside the transaction,
// and ''::uuid would raise instead of matching nothing.
const currentDealershipId = sql.raw(`nullif(current_setting('app.dealership_id', true), '')::uuid`);
// withSystem() sets app.system = 'on' for the rare, named cross-tenant paths (login, webhook key lookup, job runner).
const systemAccess = sql.raw(`current_setting('app.system', true) = 'on'`);

function isolate(column: string): SQL {
  return sql`(${sql.raw(column)} = ${currentDealershipId} or ${systemAccess})`;
}

/** The one RLS policy every tenant table carries. FORCE ROW LEVEL SECURITY is set in a hand-written migration. */
export function tenantIsolationPolicy(column = "dealership_id") {
  return pgPolicy("tenant_isolation", {
    as: "permissive",
    for: "all",
    using: isolate(column),
    withCheck: isolate(column),
  });
}
