import { sql } from "drizzle-orm";
import { fromDrizzle, type SendOptions } from "pg-boss";
import type { Tx } from "../db/tenant.ts";
import { getSenderBoss } from "./boss.ts";
import type { JobName, JobPayload } from "./job-payloads.ts";

/**
 * Sends a job. With `tx`, the job row is written in the caller's transaction: it exists (and NOTIFY fires)
 * only if that transaction commits, so a lead and its response job are stored together or not at all.
 */
export async function enqueue<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  options: { tx?: Tx } & Omit<SendOptions, "db"> = {},
): Promise<string | null> {
  const { tx, ...sendOptions } = options;
  const boss = await getSenderBoss();
  return boss.send(name, payload as object, tx ? { ...sendOptions, db: fromDrizzle(tx, sql) } : sendOptions);
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
