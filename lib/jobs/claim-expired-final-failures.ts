import { sql } from "drizzle-orm";
import { withSystem } from "../db/tenant.ts";
import { BOSS_SCHEMA } from "./boss.ts";

/** One job pg-boss failed for good by itself (expired, or its worker stopped beating), claimed for its hook. */
export type ExpiredFinalFailure = { id: string; name: string; data: unknown; reason: string };

// What pg-boss writes as a job's output when its supervisor (not our handler) fails it (plans.js: expireJobs).
const SUPERVISOR_FAILURES = ["job timed out", "job heartbeat timeout"];
// pg-boss deletes failed jobs after 7 days; older rows are gone anyway.
const LOOKBACK_DAYS = 7;

/**
 * Claims up to `limit` jobs of `queues` that failed for good without the runner seeing their last attempt end: pg-boss
 * failed them by expiry or missed heartbeats (a handler that hung, a worker SIGKILLed mid-job). Their final-failure
 * hook never ran, so the item they worked on would stay `pending` (issue 24: nothing stuck). Each row is claimed
 * once, by marking its output `settled`, in the same statement (`skip locked`: two workers never claim one row).
 *
 * Cross-tenant on purpose (withSystem): pg-boss's tables have no RLS, and each hook opens its own tenant
 * transaction from the job's payload, so a payload naming another dealership cannot reach this one's rows.
 */
export async function claimExpiredFinalFailures(
  queues: readonly string[],
  limit = 100,
): Promise<ExpiredFinalFailure[]> {
  if (queues.length === 0) return [];
  const job = sql`${sql.identifier(BOSS_SCHEMA)}.job`;
  return withSystem(async (tx) => {
    const { rows } = await tx.execute<ExpiredFinalFailure>(sql`
      update ${job} j
         set output = j.output || '{"settled": true}'::jsonb
        from (select name, id from ${job}
               where name = any(${sql.param([...queues])}::text[])
                 and state = 'failed'
                 and output -> 'value' ->> 'message' = any(${sql.param(SUPERVISOR_FAILURES)}::text[])
                 and not (output ? 'settled')
                 and completed_on > now() - make_interval(days => ${LOOKBACK_DAYS})
               limit ${limit}
               for update skip locked) picked
       where j.name = picked.name and j.id = picked.id
      returning j.id, j.name, j.data, j.output -> 'value' ->> 'message' as reason`);
    return rows;
  });
}
