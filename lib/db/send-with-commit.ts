import { createHash } from "node:crypto";
import pg from "pg";
import { getEnv } from "../../env.ts";

/**
 * A statement that goes out in the same message as its transaction's COMMIT: `params` fill $1, $2, … in order, as
 * text Postgres casts to each parameter's type. They travel as quoted literals inside the SQL text, which the
 * server may log with an error: only ids, fixed words and numbers, never an address or a customer's words.
 */
export type CommitStatement = { text: string; params: string[] };

// Kept on the objects under registry symbols, not in module-level maps: Next.js may load this module once per
// route bundle, and the transaction runner and enqueue() must see the same list.
const PENDING = Symbol.for("norvalt.commitStatements");
const PREPARED = Symbol.for("norvalt.preparedCommitStatements");
type WithPending = { [PENDING]?: CommitStatement[] };
type WithPrepared = { [PREPARED]?: Set<string> };

/**
 * Queues `statement` to run just before this transaction's COMMIT, in the same message: one round trip fewer for
 * a write nothing later in the transaction reads (a job row for pg-boss). False when `tx` was not opened by
 * withTenant/withSystem, or is a savepoint inside one (the caller then runs the statement itself).
 */
export function sendWithCommit(tx: object, statement: CommitStatement): boolean {
  const pending = (tx as WithPending)[PENDING];
  if (!pending) return false;
  pending.push(statement);
  return true;
}

/** For the transaction runner: the list sendWithCommit fills for `tx`. */
export function collectCommitStatements(tx: object): CommitStatement[] {
  const pending: CommitStatement[] = [];
  Object.defineProperty(tx, PENDING, { value: pending });
  return pending;
}

/**
 * The COMMIT message: each queued statement, then COMMIT, as one simple-protocol message. With the statement cache
 * on (lib/db/statement-cache.ts) a statement is prepared once per connection (PREPARE … AS, named by its text)
 * and run with EXECUTE, so Postgres plans it once, as it does for the extended protocol's named statements; with
 * the cache off (a transaction pooler, which keeps no session state) the literals are put in its text. `prepares`
 * lists the names this message creates: the runner remembers them once the message succeeded, and closes the
 * connection if it failed (a PREPARE in it may or may not have run).
 */
export function buildCommitMessage(
  client: pg.ClientBase,
  statements: CommitStatement[],
  cache: "on" | "off" = getEnv().NORVALT_DB_STATEMENT_CACHE,
): { text: string; prepares: string[] } {
  const prepares: string[] = [];
  const parts = statements.map(({ text, params }) => {
    const literals = params.map((param) => pg.escapeLiteral(param));
    if (cache === "off") {
      // One pass over the template: a "$1" inside an inserted literal is never replaced again.
      return text.replace(/\$(\d+)/g, (placeholder, n: string) => literals[Number(n) - 1] ?? placeholder);
    }
    const name = `nv_commit_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    const execute = `execute ${name}(${literals.join(", ")})`;
    if (preparedOn(client).has(name) || prepares.includes(name)) return execute;
    prepares.push(name);
    return `prepare ${name} as ${text}; ${execute}`;
  });
  return { text: [...parts, "commit"].join("; "), prepares };
}

/** After the COMMIT message succeeded: the statements it prepared exist on this connection from now on. */
export function rememberPrepared(client: pg.ClientBase, names: string[]): void {
  const prepared = preparedOn(client);
  for (const name of names) prepared.add(name);
}

/**
 * The errors after which a connection's prepared statements cannot be trusted: one is gone (26000: a DISCARD ALL,
 * a pooler handing us another server session) or its plan no longer fits the table (0A000 "cached plan must not
 * change result type", after a migration). The runner closes such a connection instead of failing on it again.
 */
export function losesPreparedStatements(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "26000" || code === "0A000";
}

function preparedOn(client: pg.ClientBase): Set<string> {
  const holder = client as WithPrepared;
  return (holder[PREPARED] ??= new Set());
}
