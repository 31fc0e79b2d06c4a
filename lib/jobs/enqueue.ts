import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { fromDrizzle, type SendOptions } from "pg-boss";
import { sendWithCommit } from "../db/send-with-commit.ts";
import type { Tx } from "../db/tenant.ts";
import { getSenderBoss } from "./boss.ts";
import type { JobName, JobPayload } from "./job-payloads.ts";

/**
 * Jobs whose payload carries an address. Their insert goes out with its parameter bound, never inside SQL text (the
 * server logs the text of a statement that fails), so they are not sent with the COMMIT.
 */
export const PAYLOAD_HAS_ADDRESS: ReadonlySet<JobName> = new Set([
  "auth.password-reset",
  "auth.sign-in-link",
]);

/**
 * Sends a job. With `tx`, the job row is written in the caller's transaction: it exists (and NOTIFY fires)
 * only if that transaction commits, so a lead and its response job are stored together or not at all. The row
 * is inserted in the COMMIT's own message (sendWithCommit): a round trip fewer on every lead and reply. Inserted
 * at once instead: a job with a singleton option (whether the row was created decides the result) and a payload
 * with an address (PAYLOAD_HAS_ADDRESS).
 */
export async function enqueue<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  options: { tx?: Tx } & Omit<SendOptions, "db"> = {},
): Promise<string | null> {
  const { tx, ...sendOptions } = options;
  const boss = await getSenderBoss();
  if (!tx) return boss.send(name, payload as object, sendOptions);
  const atOnce =
    PAYLOAD_HAS_ADDRESS.has(name) ||
    sendOptions.singletonKey !== undefined ||
    sendOptions.singletonSeconds !== undefined ||
    sendOptions.id !== undefined;
  if (!atOnce) {
    const id = randomUUID();
    const deferred = await boss.send(name, payload as object, { ...sendOptions, id, db: atCommitOf(tx, id) });
    if (deferred) return deferred;
  }
  return boss.send(name, payload as object, { ...sendOptions, db: fromDrizzle(tx, sql) });
}

/**
 * A `db` for pg-boss's send (the option that joins its insert to our transaction) that queues the insert to run
 * with `tx`'s COMMIT and answers as the insert would: the row with the id we chose. It relies on send() making one
 * executeSql call with the job list as its one parameter, returning the first row's id, and null for no row
 * (tests/integration/vendor-contracts.test.ts checks all three). Answers no row when `tx` cannot defer, so that
 * enqueue inserts at once.
 */
function atCommitOf(tx: Tx, id: string) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const [param] = values;
      if (values.length !== 1 || typeof param !== "string")
        throw new Error(`enqueue: unexpected pg-boss insert parameters (${values.length})`);
      return { rows: sendWithCommit(tx, { text, params: [param] }) ? [{ id }] : [] };
    },
  };
}

/**
 * Sends several jobs of one queue in one statement (pg-boss `insert`), in the caller's transaction like `enqueue`:
 * a webhook delivery of 50 Meta leads stores them and their 50 jobs in one round trip each.
 */
export async function enqueueMany<N extends JobName>(
  name: N,
  payloads: JobPayload<N>[],
  options: { tx: Tx },
): Promise<void> {
  if (!payloads.length) return;
  const boss = await getSenderBoss();
  await boss.insert(
    name,
    payloads.map((data) => ({ data: data as object })),
    { db: fromDrizzle(options.tx, sql) },
  );
}
