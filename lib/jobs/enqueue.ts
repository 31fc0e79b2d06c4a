import { sql } from "drizzle-orm";
import { fromDrizzle, type SendOptions } from "pg-boss";
import type { z } from "zod";
import type { JobName, RegisteredJob } from "../../jobs/registry.ts";
import type { Tx } from "../db/tenant.ts";
import { getSenderBoss } from "./boss.ts";

export type JobPayload<N extends JobName> = z.input<Extract<RegisteredJob, { name: N }>["schema"]>;

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
