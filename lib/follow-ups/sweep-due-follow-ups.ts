import { sql } from "drizzle-orm";
import { withSystem } from "../db/tenant.ts";
import { enqueueMany } from "../jobs/enqueue.ts";
import { yieldToFirstReplies } from "../jobs/first-reply-priority.ts";

/**
 * Rows claimed per transaction: one round trip of jobs per batch, short locks, and short enough (tens of ms) that
 * a first reply arriving meanwhile waits for one batch at most; the sweep yields to first replies between batches.
 */
const BATCH = 500;
/**
 * Rows one run (one minute) turns into jobs: more than followup.send drains in a minute, so the queue never runs
 * dry, but a backlog of 100,000 due at once becomes jobs a minute's worth at a time instead of in one burst that
 * holds up first replies (bench:followups; README Decisions). The rest stay due in the table for the next run.
 */
const PER_RUN = 5_000;

/**
 * The followup.sweep cron (every minute): due follow-ups of every dealership become followup.send jobs, claimed
 * (scheduled → queued) in the transaction that enqueues them, so a sweep that overlaps another, or dies, never
 * queues one twice. Follow-up drafts nobody approved in time expire (their message is cancelled). Cross-tenant by
 * nature, hence withSystem. At most PER_RUN per run. Returns how many were queued and expired.
 */
export async function sweepDueFollowUps(
  options: { now?: Date; limit?: number } = {},
): Promise<{ queued: number; expired: number }> {
  const now = (options.now ?? new Date()).toISOString();
  const limit = options.limit ?? PER_RUN;
  let queued = 0;
  while (queued < limit) {
    if (queued > 0) await yieldToFirstReplies();
    const claimed = await withSystem(async (tx) => {
      const { rows } = await tx.execute<{ id: string; dealership_id: string }>(sql`
        update follow_ups f set status = 'queued', updated_at = now()
          from (select id from follow_ups where status = 'scheduled' and due_at <= ${now}::timestamptz
                 order by due_at limit ${Math.min(BATCH, limit - queued)} for update skip locked) due
         where f.id = due.id
        returning f.id, f.dealership_id`);
      await enqueueMany(
        "followup.send",
        rows.map((r) => ({ followUpId: r.id, dealershipId: r.dealership_id })),
        { tx },
      );
      return rows.length;
    });
    queued += claimed;
    if (claimed === 0) break;
  }
  const expired = await withSystem(async (tx) => {
    const { rows } = await tx.execute<{ id: string }>(sql`
      with gone as (
        update follow_ups set status = 'expired', stop_reason = 'not_approved', updated_at = now()
         where status = 'awaiting_approval' and expires_at <= ${now}::timestamptz
        returning id, dealership_id, conversation_id)
      update conversations c set delivery_status = 'cancelled', delivery_error = 'follow_up_expired'
        from gone where c.id = gone.conversation_id and c.dealership_id = gone.dealership_id
         and c.delivery_status = 'draft'
      returning gone.id`);
    return rows.length;
  });
  return { queued, expired };
}
