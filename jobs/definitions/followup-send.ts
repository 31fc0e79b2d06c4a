import { markFollowUpFailed } from "../../lib/follow-ups/mark-follow-up-failed.ts";
import { sendFollowUp } from "../../lib/follow-ups/send-follow-up.ts";
import { defineJob } from "../define-job.ts";

/**
 * One due follow-up → the customer (lib/follow-ups/send-follow-up.ts). Its own queue with few workers, and a
 * background one: no send is fetched (and a running send pauses between its steps) while the worker answers a new
 * lead, so a drain of thousands of follow-ups never holds up a first reply (lib/jobs/first-reply-priority.ts). Each
 * send holds two pool connections (its lock and the ledger) while the vendor answers.
 */
export const followUpSend = defineJob({
  name: "followup.send",
  priority: "background",
  options: { retryLimit: 3, retryBackoff: true, retryDelay: 5, expireInSeconds: 120, heartbeatSeconds: 10 },
  // Two at once: the gate stops new sends, not the steps already running when a lead arrives, and three of those
  // still held first replies up (bench:followups, README Decisions); two drain ≥ 40/s.
  concurrency: 2,
  handler: (job) => sendFollowUp(job, job),
  // Retries used up: the follow-up ends cancelled ("send_failed") and its unsent message failed, never `sending`.
  onFinalFailure: (payload, reason) =>
    markFollowUpFailed(payload, { followUpId: payload.followUpId, reason }),
});
