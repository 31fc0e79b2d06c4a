import { sql } from "drizzle-orm";
import { SYSTEM_ROLE } from "../../db/schema/tenancy.ts";
import { getDb, type Database } from "./client.ts";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenancy choke point: every read and write of a dealership's data runs here. The setting is
 * transaction-local, so a pooled connection never carries one tenant into the next transaction, and RLS
 * (forced, app role without BYPASSRLS) returns nothing for rows of any other dealership.
 */
export async function withTenant<T>(dealershipId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!UUID.test(dealershipId))
    throw new Error(`withTenant: not a dealership id: ${JSON.stringify(dealershipId)}`);
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.dealership_id', ${dealershipId}, true)`);
    return fn(tx);
  });
}

/**
 * Cross-tenant access for the few paths that must find a tenant first: login, session and API-key lookup,
 * webhook key resolution, the job runner. Keep callers rare and named; grep for withSystem to audit them.
 * SET LOCAL ROLE switches to the system role (whose RLS policy admits every row) for this transaction only.
 */
export async function withSystem<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return getDb().transaction(async (tx) => {
    await tx.execute(sql.raw(`set local role ${SYSTEM_ROLE}`));
    return fn(tx);
  });
}
