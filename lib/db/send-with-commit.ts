import { createHash } from "node:crypto";
import pg from "pg";
import { getEnv } from "../../env.ts";

/**
 * A parameterised statement sent inside a simple-protocol message (with BEGIN, or with COMMIT): `params` fill
 * $1, $2, … in order, as text that Postgres casts to each parameter's type.
 */
export type InlineStatement = { text: string; params: string[] };

// Kept on the objects under registry symbols, not in module-level maps: Next.js may load this module once per
// route bundle, and the transaction runner and enqueue() must see the same list.
const PENDING = Symbol.for("norvalt.commitStatements");
const PREPARED = Symbol.for("norvalt.preparedInlineStatements");
type WithPending = { [PENDING]?: InlineStatement[] };
type WithPrepared = { [PREPARED]?: Set<string> };

/**
 * Queues `statement` to run just before this transaction's COMMIT, in the same message: one round trip fewer for
 * a write nothing later in the transaction reads (a job row for pg-boss). False when `tx` was not opened by
 * withTenant/withSystem (the caller then runs the statement itself).
 */
export function sendWithCommit(tx: object, statement: InlineStatement): boolean {
  const pending = (tx as WithPending)[PENDING];
  if (!pending) return false;
  pending.push(statement);
  return true;
}

/** For the transaction runner: the list sendWithCommit fills for `tx`. */
export function collectCommitStatements(tx: object): InlineStatement[] {
  const pending: InlineStatement[] = [];
  Object.defineProperty(tx, PENDING, { value: pending });
  return pending;
}

/** The COMMIT message: each queued statement, then COMMIT. `prepares` as for inlineStatement. */
export function buildCommitMessage(
  client: pg.ClientBase,
  statements: InlineStatement[],
): { text: string; prepares: string[] } {
  const prepares: string[] = [];
  const parts = statements.map((statement) => inlineStatement(client, statement, prepares));
  return { text: [...parts, "commit"].join("; "), prepares };
}

/**
 * `statement` as SQL for a simple-protocol message, its parameters as quoted literals (pg's escapeLiteral). With
 * the statement cache on (lib/db/statement-cache.ts), it is prepared once per connection (PREPARE … AS, named by
 * its text) and run with EXECUTE, so Postgres plans it once, as it does for the extended protocol's named
 * statements; with the cache off (a pooler that keeps no session state) the literals are put in its text. Names
 * this message will PREPARE are added to `prepares`: the caller remembers them once the message has succeeded,
 * and closes the connection if it failed (a PREPARE may or may not have run).
 */
export function inlineStatement(
  client: pg.ClientBase,
  { text, params }: InlineStatement,
  prepares: string[],
  cache: "on" | "off" = getEnv().NORVALT_DB_STATEMENT_CACHE,
): string {
  const literals = params.map((param) => pg.escapeLiteral(param));
  if (cache === "off") {
    return text.replace(/\$(\d+)/g, (placeholder, n: string) => literals[Number(n) - 1] ?? placeholder);
  }
  const name = `nv_inline_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  const execute = `execute ${name}(${literals.join(", ")})`;
  if (preparedOn(client).has(name) || prepares.includes(name)) return execute;
  prepares.push(name);
  return `prepare ${name} as ${text}; ${execute}`;
}

/** After a message succeeded: the statements it prepared exist on this connection from now on. */
export function rememberPrepared(client: pg.ClientBase, names: string[]): void {
  const prepared = preparedOn(client);
  for (const name of names) prepared.add(name);
}

function preparedOn(client: pg.ClientBase): Set<string> {
  const holder = client as WithPrepared;
  return (holder[PREPARED] ??= new Set());
}
