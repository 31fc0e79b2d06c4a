import { sweepDueFollowUps } from "../../lib/follow-ups/sweep-due-follow-ups.ts";
import { defineJob } from "../define-job.ts";

/** Every minute: due follow-ups → followup.send jobs; unapproved follow-up drafts expire. */
export const followUpSweep = defineJob({
  name: "followup.sweep",
  options: { retryLimit: 1, expireInSeconds: 240, heartbeatSeconds: 10 },
  cron: "* * * * *",
  handler: () => sweepDueFollowUps(),
});
