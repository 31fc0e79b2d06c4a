import { defineJob, type JobDefinition } from "../define-job.ts";
import { settleExpiredFinalFailures } from "../settle-expired-final-failures.ts";

/**
 * Every minute: jobs pg-boss failed for good by expiry or a dead worker get their final-failure hook (their item
 * ends `failed` with "Prøv igjen" instead of staying `pending`). Built from the registry's other definitions.
 */
export function defineSettleExpiredJobs(definitions: readonly JobDefinition[]) {
  return defineJob({
    name: "jobs.settle-expired",
    options: { retryLimit: 1, expireInSeconds: 120, heartbeatSeconds: 10 },
    cron: "* * * * *",
    concurrency: 1,
    handler: () => settleExpiredFinalFailures(definitions),
  });
}
