import { notifyRep } from "../../lib/messaging/notify-rep.ts";
import { defineJob } from "../define-job.ts";

/** Tells the assigned rep about a lead, for any reason, by one rule (see lib/messaging/notify-rep.ts). */
export const repNotify = defineJob({
  name: "rep.notify",
  // A worker that dies mid-job stops beating: the job is retried within ~20 s.
  options: { retryLimit: 3, retryBackoff: true, retryDelay: 2, expireInSeconds: 60, heartbeatSeconds: 10 },
  // Waiting on the vendor (up to 15 s) most of the time; the database is touched before and after.
  concurrency: 16,
  handler: (job) => notifyRep(job, job),
});
