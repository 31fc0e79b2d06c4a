import { sql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withSystem, type Tx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { BOSS_SCHEMA, getSenderBoss } from "./boss.ts";
import { selectFailedJobs, type FailedJobRow } from "./find-failed-jobs.ts";

/**
 * Runs one failed or dead-lettered job again. The job is looked up with the same dealership filter as the list
 * (selectFailedJobs), so another dealership's job id is simply not found. Under withSystem for the reason given
 * on findFailedJobs: pg-boss's tables have no RLS, the payload filter is the tenant lock.
 *
 * - failed job: pg-boss retry() puts it back in its queue (state `retry`), and its dead-letter copy is removed
 *   so the same failure cannot be retried a second time from the copy.
 * - dead-letter copy with a recorded source: pg-boss redrive() re-creates it in the original queue.
 * - the runner's copy of an invalid payload: the original payload is sent to the original queue again (useful
 *   once a deploy has fixed the schema or the producer).
 *
 * All in one transaction with the audit entry; a second click on the same row gets not-found.
 */
export async function retryFailedJob(
  session: Session,
  target: { queue: string; id: string },
): Promise<{ id: string; jobName: string }> {
  const boss = await getSenderBoss();
  return withSystem(async (tx) => {
    const [job] = await selectFailedJobs(tx, session.dealershipId, { limit: 1, only: target });
    if (!job) throw new AppError("not_found", "Fant ikke jobben");
    const db = fromDrizzle(tx, sql);
    // The row is locked (selectFailedJobs with `only`) and still failed or parked, so each call below acts on it.
    if (job.kind === "failed") {
      await boss.retry(job.queue, job.id, { db });
      await deleteDeadLetterCopies(tx, job);
    } else if (job.hasSource) {
      // 0 only when the original queue refuses it (a singleton-policy conflict): pg-boss then fails the copy.
      if ((await boss.redrive(job.queue, { ids: [job.id], db })) !== 1)
        throw new AppError("conflict", "Jobben kunne ikke sendes på nytt nå. Prøv igjen senere.");
    } else {
      await deleteParkedJob(tx, job.queue, job.id);
      await boss.send(job.jobName, job.payload, { db });
    }
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "job.retried",
      targetType: "job",
      targetId: job.id,
      data: { queue: job.queue, jobName: job.jobName, kind: job.kind },
    });
    return { id: job.id, jobName: job.jobName };
  });
}

async function deleteDeadLetterCopies(tx: Tx, job: FailedJobRow) {
  if (!job.deadLetter) return;
  await tx.execute(sql`
    delete from ${sql.identifier(BOSS_SCHEMA)}.job
    where name = ${job.deadLetter} and source_id = ${job.id}::uuid and state in ('created', 'retry')
  `);
}

async function deleteParkedJob(tx: Tx, queue: string, id: string) {
  await tx.execute(
    sql`delete from ${sql.identifier(BOSS_SCHEMA)}.job where name = ${queue} and id = ${id}::uuid`,
  );
}
