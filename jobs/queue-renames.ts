import type { PgBoss } from "pg-boss";
import pg from "pg";
import { deadLetterQueueName, type JobName } from "../lib/jobs/job-payloads.ts";

type Payload = Record<string, unknown>;

/** A queue whose jobs now belong to another name, and how an old payload reads under the new one. */
export type QueueRename = { from: string; to: JobName; convert?: (payload: Payload) => Payload };

/**
 * Queues renamed by purpose (issue 14). `npm run db:migrate` moves their waiting jobs to the new names and drops
 * them; keep an entry until every installation has migrated past it.
 */
export const QUEUE_RENAMES: readonly QueueRename[] = [
  { from: "email.send", to: "customer.send-email" },
  { from: "sms.reply", to: "customer.send-sms" },
  // The rep's SMS about a new lead or a draft: `kind` is the notification's reason now.
  {
    from: "sms.send",
    to: "rep.notify",
    convert: ({ kind, customerAnswered, ...rest }) => ({
      ...rest,
      reason: kind,
      ...(kind === "new_lead" && { customerAnswered }),
    }),
  },
  // Same payload: { leadId, dealershipId, reason: merged | bounced | replied, emailId? }.
  { from: "lead.notify-rep", to: "rep.notify" },
];

type MovedRow = {
  id: string;
  data: Payload | null;
  priority: number;
  start_after: Date;
  singleton_key: string | null;
  source_id: string | null;
};

/**
 * Moves the waiting jobs (created, retry) of each renamed queue and of its dead-letter queue to the new names, in
 * one transaction per queue, then drops the old queues — unless a job is still running in one (a worker of the
 * previous version is up): that queue stays and a later `db:migrate` finishes the move. Run order: stop the
 * workers, migrate, start the new workers.
 *
 * A job keeps its id, start time (a rep notification held for quiet hours stays held), priority and singleton
 * key; it gets the new queue's retry policy afresh. A dead-letter copy keeps its payload but no longer points at
 * its original job, so Settings → Jobber retries it by sending the payload to the new queue.
 */
export async function migrateRenamedQueues(
  boss: PgBoss,
  pool: pg.Pool,
  schema: string,
  renames: readonly QueueRename[],
  log: (line: string) => void,
): Promise<void> {
  for (const rename of renames) {
    const pairs = [
      { from: rename.from, to: rename.to },
      { from: deadLetterQueueName(rename.from), to: deadLetterQueueName(rename.to) },
    ];
    for (const { from, to } of pairs) {
      if (!(await boss.getQueue(from))) continue;
      const moved = await moveWaitingJobs(boss, pool, schema, { from, to, convert: rename.convert });
      if (moved) log(`moved ${moved} waiting job(s) from queue "${from}" to "${to}"`);
    }
    if (!(await boss.getQueue(rename.from))) continue;
    const running = await countRunning(pool, schema, rename.from);
    if (running) {
      log(
        `queue "${rename.from}" still has ${running} running job(s): left in place; stop the old workers and ` +
          `run db:migrate again to move what is left and drop it`,
      );
      continue;
    }
    // The old queue first: its jobs name the dead-letter queue, which pg-boss refuses to drop while they exist.
    await boss.deleteQueue(rename.from);
    await boss.deleteQueue(deadLetterQueueName(rename.from));
    log(`dropped queue "${rename.from}" (now "${rename.to}")`);
  }
}

/**
 * DELETE … RETURNING claims exactly the jobs still waiting, locked until commit, so a job an old worker fetched
 * meanwhile stays where it is; boss.insert writes them under the new name in the same transaction.
 */
async function moveWaitingJobs(
  boss: PgBoss,
  pool: pg.Pool,
  schema: string,
  move: { from: string; to: string; convert?: (payload: Payload) => Payload },
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query<MovedRow>(
      `delete from ${pg.escapeIdentifier(schema)}.job where name = $1 and state in ('created', 'retry')
       returning id, data, priority, start_after, singleton_key, source_id`,
      [move.from],
    );
    if (rows.length) {
      const db = { executeSql: (text: string, values?: unknown[]) => client.query(text, values) };
      await boss.insert(
        move.to,
        rows.map((row) => ({
          id: row.id,
          data: convertPayload(row.data ?? {}, move.convert),
          priority: row.priority,
          startAfter: row.start_after,
          ...(row.singleton_key && { singletonKey: row.singleton_key }),
        })),
        { db },
      );
    }
    await client.query("commit");
    return rows.length;
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** The runner's dead-letter copies wrap the payload as { jobId, payload, error }; the payload inside is converted. */
function convertPayload(data: Payload, convert?: (payload: Payload) => Payload): Payload {
  if (!convert) return data;
  const inner = data.payload;
  if ("jobId" in data && inner && typeof inner === "object" && !Array.isArray(inner))
    return { ...data, payload: convert(inner as Payload) };
  return convert(data);
}

// Counted here rather than from getQueue(): pg-boss's queue counts are a snapshot of its last monitor pass.
async function countRunning(pool: pg.Pool, schema: string, name: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(*)::int as n from ${pg.escapeIdentifier(schema)}.job where name = $1 and state = 'active'`,
    [name],
  );
  return rows[0]!.n;
}
