import { createHash } from "node:crypto";
import pg from "pg";

/**
 * Postgres plans an unnamed statement from scratch on every execution. For pg-boss's job statements
 * (a partitioned table) and our wider joins, planning costs more CPU than running them: ~1 ms per `send`,
 * ~0.9 ms per `fetch` (bench:respond --timeline, pg_stat_statements with track_planning). A named
 * statement is parsed and planned once per connection, after which Postgres reuses a generic plan
 * whenever it is not worse than the custom ones.
 *
 * This client names every parameterised statement once its text has been seen a few times, so one-off
 * texts never take a slot. Names are a hash of the text: the same text gets the same name on every
 * connection, and two texts never share one. The number of named texts per process is capped, which caps
 * what each server connection keeps. Statements without parameters (BEGIN, COMMIT, multi-statement
 * strings) keep the simple protocol. Plans are invalidated by Postgres itself on DDL, role changes under
 * RLS and ANALYZE, so a cached statement never outlives the schema it was planned for.
 *
 * Off with NORVALT_DB_STATEMENT_CACHE=off, which a transaction-mode pooler needs: the setting also decides whether
 * the job inserts sent with COMMIT are PREPAREd in SQL (lib/db/send-with-commit.ts), session state that no
 * pooler carries.
 */
const SEEN_BEFORE_NAMING = 3;
const MAX_NAMED_TEXTS = 200;
const MAX_COUNTED_TEXTS = 5_000;

const names = new Map<string, string>();
const sightings = new Map<string, number>();

/** The statement name for `text`, or undefined while it is still a one-off (or the cache is full). */
export function nameStatement(text: string): string | undefined {
  const name = names.get(text);
  if (name) return name;
  if (names.size >= MAX_NAMED_TEXTS) return undefined;
  const seen = (sightings.get(text) ?? 0) + 1;
  if (seen < SEEN_BEFORE_NAMING) {
    // Texts built with inlined values would grow this without end; forgetting the counts only delays naming.
    if (sightings.size >= MAX_COUNTED_TEXTS) sightings.clear();
    sightings.set(text, seen);
    return undefined;
  }
  sightings.delete(text);
  const created = `nv_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  names.set(text, created);
  return created;
}

type QueryConfigLike = { text: string; name?: string; values?: unknown[] };

function withStatementName(config: unknown, values: unknown): unknown {
  const hasValues = (list: unknown) => Array.isArray(list) && list.length > 0;
  if (typeof config === "string") {
    if (!hasValues(values)) return config;
    const name = nameStatement(config);
    return name ? { text: config, name } : config;
  }
  // A Query object (pg-cursor, pg-query-stream) submits itself: it must reach pg as it is, prototype and all.
  if (!config || typeof config !== "object" || !("text" in config) || "submit" in config) return config;
  const query = config as QueryConfigLike;
  if (query.name || typeof query.text !== "string" || !(hasValues(query.values) || hasValues(values)))
    return config;
  const name = nameStatement(query.text);
  return name ? { ...query, name } : config;
}

/** pg.Client that names repeated parameterised statements; pass it as `Client` to pg.Pool (or pg-boss). */
export class StatementCachingClient extends pg.Client {}

const plainQuery = pg.Client.prototype.query;
StatementCachingClient.prototype.query = function (
  this: pg.Client,
  config: unknown,
  values?: unknown,
  callback?: unknown,
) {
  return (plainQuery as (...args: unknown[]) => unknown).call(
    this,
    withStatementName(config, values),
    values,
    callback,
  );
} as typeof plainQuery;

/** The client class for a new pool: statement caching unless turned off. */
export function pickClientClass(mode: "on" | "off"): typeof pg.Client {
  return mode === "off" ? pg.Client : StatementCachingClient;
}
