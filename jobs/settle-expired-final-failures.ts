import { claimExpiredFinalFailures } from "../lib/jobs/claim-expired-final-failures.ts";
import { getLogger } from "../lib/log/logger.ts";
import { reportError } from "../lib/startup/report-error.ts";
import type { JobDefinition } from "./define-job.ts";

const BATCH = 100;

/**
 * Runs the final-failure hook of every job pg-boss failed for good on its own (expired, or its worker died on the
 * last attempt), which the runner's catch never saw (see claimExpiredFinalFailures). Each claimed job gets its
 * hook once; a payload that fails its schema (it was dead-lettered, nothing to settle) and a hook that throws are
 * logged, not retried, as in the runner.
 */
export async function settleExpiredFinalFailures(
  definitions: readonly JobDefinition[],
): Promise<{ settled: number }> {
  const log = getLogger("worker");
  const withHook = new Map(definitions.filter((d) => d.onFinalFailure).map((d) => [d.name, d]));
  let settled = 0;
  for (;;) {
    const batch = await claimExpiredFinalFailures([...withHook.keys()], BATCH);
    for (const job of batch) {
      const definition = withHook.get(job.name)!;
      const payload = definition.schema.safeParse(job.data ?? {});
      if (!payload.success) continue;
      reportError(new Error(`${job.name}: ${job.reason}`), { queue: job.name, job_id: job.id });
      try {
        await definition.onFinalFailure!(payload.data, job.reason);
        settled += 1;
        log.info(`${job.name} ${job.id}: failed for good (${job.reason}); final state recorded`);
      } catch (err) {
        log.warn(`${job.name} ${job.id}: could not record the final failure: ${(err as Error).message}`);
      }
    }
    if (batch.length < BATCH) return { settled };
  }
}
