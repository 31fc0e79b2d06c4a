import { markFollowUpFailed } from "../../lib/follow-ups/mark-follow-up-failed.ts";
import { sendFollowUp } from "../../lib/follow-ups/send-follow-up.ts";
import { defineJob } from "../define-job.ts";

/**
 * One due follow-up → the customer (lib/follow-ups/send-follow-up.ts). Its own queue with few workers: a drain of
 * thousands of follow-ups never holds up lead.respond, and each send holds two pool connections (its lock and the
 * ledger) while the vendor answers.
 */
export const followUpSend = defineJob({
  name: "followup.send",
  options: { retryLimit: 3, retryBackoff: true, retryDelay: 5, expireInSeconds: 120, heartbeatSeconds: 10 },
  concurrency: 3,
  handler: (job) => sendFollowUp(job, job),
  // Retries used up: the follow-up ends cancelled ("send_failed") and its unsent message failed, never `sending`.
  onFinalFailure: (payload, reason) =>
    markFollowUpFailed(payload, { followUpId: payload.followUpId, reason }),
});
