import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { getEnv, requireDatabaseUrl } from "../../env.ts";
import { pickClientClass } from "./statement-cache.ts";
import * as auth from "../../db/schema/auth.ts";
import * as conversations from "../../db/schema/conversations.ts";
import * as dealerships from "../../db/schema/dealerships.ts";
import * as facebook from "../../db/schema/facebook.ts";
import * as leads from "../../db/schema/leads.ts";
import * as llmCalls from "../../db/schema/llm-calls.ts";
import * as operations from "../../db/schema/operations.ts";
import * as users from "../../db/schema/users.ts";
import * as vehicles from "../../db/schema/vehicles.ts";
import { getLogger } from "../log/logger.ts";

export const schema = {
  ...auth,
  ...conversations,
  ...dealerships,
  ...facebook,
  ...leads,
  ...llmCalls,
  ...operations,
  ...users,
  ...vehicles,
};
export type Database = NodePgDatabase<typeof schema>;

/**
 * How long an idle connection stays open. pg's default (10 s) closed connections in every lull and opened them
 * again in the next burst: a new backend forks, loads its catalog caches and prepares every named statement
 * again, and bench:respond showed those moments as seconds-long stalls (a core busy with reconnecting).
 */
export const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

type Holder = { pool?: pg.Pool; db?: Database };
// One pool per process; kept on globalThis so `next dev` hot reloads do not open a new pool each time.
const holder = ((globalThis as { __norvaltDb?: Holder }).__norvaltDb ??= {});

export function getPool(): pg.Pool {
  if (!holder.pool) {
    const env = getEnv();
    holder.pool = new pg.Pool({
      connectionString: requireDatabaseUrl(env),
      max: env.NORVALT_DB_POOL_SIZE,
      application_name: env.NORVALT_PROCESS_NAME,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
      Client: pickClientClass(env.NORVALT_DB_STATEMENT_CACHE),
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    holder.pool.on("error", (err) => getLogger("db").error({ err }, "idle client error"));
  }
  return holder.pool;
}

export function getDb(): Database {
  holder.db ??= drizzle(getPool(), { schema });
  return holder.db;
}

export async function closeDb(): Promise<void> {
  const pool = holder.pool;
  holder.pool = undefined;
  holder.db = undefined;
  await pool?.end();
}
