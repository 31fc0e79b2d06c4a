import { createHash } from "node:crypto";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import { SYSTEM_ROLE } from "../../db/schema/tenancy.ts";
import { getDb, getPool, type Database } from "./client.ts";
import {
  buildCommitMessage,
  collectCommitStatements,
  losesPreparedStatements,
  rememberPrepared,
} from "./send-with-commit.ts";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * The tenant a domain function acts for. A Session, a LeadActor and a job payload all carry `dealershipId`, so any
 * of them can be passed as it is. Domain entry points take it first: `fn(tenant, input)`.
 */
export type Tenant = { readonly dealershipId: string };

/**
 * A transaction opened by withTenant, carrying its tenant. Building blocks that join the caller's transaction take
 * it first, `fn(tx, input)`, and filter by `tx.dealershipId`: the tenant can only come from withTenant.
 */
export type TenantTx = Tx & Tenant;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its text form: the check that makes an id safe to inline into SQL. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The tenancy choke point: every read and write of a dealership's data runs here. The setting is
 * transaction-local, so a pooled connection never carries one tenant into the next transaction, and RLS
 * (forced, app role without BYPASSRLS) returns nothing for rows of any other dealership.
 */
export async function withTenant<T>(
  dealershipId: string,
  fn: (tx: TenantTx, firstRows: Record<string, unknown>[]) => Promise<T>,
  options: TenantOptions = {},
): Promise<T> {
  const opening = tenantOpening(dealershipId, options);
  return runTransaction(
    options.firstStatement ? `${opening}; ${options.firstStatement}` : opening,
    (tx, openingResults) =>
      fn(
        Object.assign(tx, { dealershipId }) as TenantTx,
        options.firstStatement ? (openingResults.at(-1)?.rows ?? []) : [],
      ),
  );
}

/**
 * One statement in a transaction of its own, sent together with BEGIN, the tenant setting, the locks and
 * COMMIT as a single simple-protocol message: a lock taken there is held only while the server runs the
 * message, never across a round trip to a busy client (a worker with a hundred jobs in flight answers each
 * round trip late, and every other taker of the lock waits that long). The statement carries no parameters:
 * callers inline only values they have validated (UUIDs, integers, fixed words). Returns its rows.
 */
export async function runTenantStatement<Row>(
  dealershipId: string,
  statement: string,
  options: Omit<TenantOptions, "firstStatement"> = {},
): Promise<Row[]> {
  const client = await getPool().connect();
  let broken: Error | undefined;
  try {
    const results = (await client.query(
      `${tenantOpening(dealershipId, options)}; ${statement}; commit`,
    )) as unknown as { rows: Row[] }[];
    return results.at(-2)!.rows;
  } catch (err) {
    // The failed statement left the transaction aborted, and the server skipped the COMMIT after it.
    await client.query("rollback").catch((rollbackError: Error) => (broken = rollbackError));
    throw err;
  } finally {
    client.release(broken);
  }
}

type TenantOptions = {
  /**
   * withTenant only: one more statement sent with BEGIN, the tenant setting and the locks, in the same message; its
   * rows are `fn`'s second argument. Saves the round trip of a transaction's first read (a lock and check). The
   * rules of runTenantStatement apply: no parameters, only values the caller has validated are inlined.
   */
  firstStatement?: string;
  lock?: string[];
  /**
   * Commit without waiting for the WAL flush (`synchronous_commit = off`): for writes that may be lost in a
   * database crash because a retry redoes them, so that a lock held to the commit is not held through an fsync.
   */
  asyncCommit?: boolean;
};

function tenantOpening(dealershipId: string, options: TenantOptions): string {
  if (!UUID.test(dealershipId))
    throw new Error(`withTenant: not a dealership id: ${JSON.stringify(dealershipId)}`);
  // Safe to inline: the id has just been checked to be a UUID, and lock ids are integers we computed.
  const locks = (options.lock ?? []).map(
    (key) => `; select pg_advisory_xact_lock(${advisoryLockId(dealershipId, key)})`,
  );
  const durability = options.asyncCommit ? "; set local synchronous_commit = off" : "";
  return `begin; select set_config('app.dealership_id', '${dealershipId}', true)${durability}${locks.join("")}`;
}

/**
 * `lock` serialises transactions on the same keys within one dealership (e.g. one person's submissions): taken
 * at the start, in the order given (callers keep a fixed order, so two keys cannot deadlock), held to the end.
 */
function advisoryLockId(dealershipId: string, key: string): bigint {
  return createHash("sha256").update(`${dealershipId}:${key}`).digest().readBigInt64BE(0);
}

/**
 * Cross-tenant access for the few paths that must find a tenant first: login, session and API-key lookup,
 * webhook key resolution, the job runner. Keep callers rare and named; grep for withSystem to audit them.
 * SET LOCAL ROLE switches to the system role (whose RLS policy admits every row) for this transaction only.
 */
export async function withSystem<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return runTransaction(`begin; set local role ${SYSTEM_ROLE}`, fn);
}

// drizzle() builds its dialect the same way when no casing is configured (we configure none).
const dialect = new PgDialect();

/**
 * Drizzle's db.transaction() sends BEGIN and then our setting as two round trips. Every lead, page view and job
 * starts a transaction here, and on this class of machine a round trip to Postgres costs more CPU than the
 * statement itself (bench:ingest), so BEGIN and the tenant setting go out as one simple-protocol message. The
 * transaction object handed to `fn` is drizzle's own (its exported session and transaction classes, as in
 * db.transaction()), bound to the checked-out client. tests/integration/vendor-contracts.test.ts fails loudly if
 * an upgrade of drizzle-orm (pinned exactly) changes what this relies on.
 */
async function runTransaction<T>(
  opening: string,
  fn: (tx: Tx, openingResults: { rows: Record<string, unknown>[] }[]) => Promise<T>,
): Promise<T> {
  const { fullSchema, schema, tableNamesMap } = getDb()._;
  const relational = { fullSchema, schema: schema!, tableNamesMap };
  const client = await getPool().connect();
  let broken: Error | undefined;
  try {
    // Several statements: pg answers with one result each.
    const openingResults = (await client.query(opening)) as unknown as { rows: Record<string, unknown>[] }[];
    const session = new NodePgSession(client, dialect, relational);
    const tx: Tx = new NodePgTransaction(dialect, session, relational);
    const atCommit = collectCommitStatements(tx);
    const result = await fn(tx, openingResults);
    const commit = buildCommitMessage(client, atCommit);
    try {
      await client.query(commit.text);
    } catch (err) {
      // A PREPARE in the failed message may or may not have run, or a statement this connection prepared is gone
      // or no longer fits the table (a pooler's DISCARD, a migration): either way what this connection has
      // prepared is unknown, so it is closed rather than reused.
      if (commit.prepares.length || losesPreparedStatements(err)) broken = err as Error;
      throw err;
    }
    rememberPrepared(client, commit.prepares);
    return result;
  } catch (err) {
    // After a failed COMMIT the transaction is already over and ROLLBACK only warns. If ROLLBACK itself fails
    // the connection is unusable: destroy it rather than hand a half-open transaction to the next caller.
    await client.query("rollback").catch((rollbackError: Error) => (broken = rollbackError));
    throw err;
  } finally {
    client.release(broken);
  }
}
