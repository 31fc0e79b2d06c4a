import { notifyRep } from "../../lib/messaging/notify-rep.ts";
import { defineJob, OUTAGE_RETRIES } from "../define-job.ts";

/** Tells the assigned rep about a lead, for any reason, by one rule (see lib/messaging/notify-rep.ts). */
export const repNotify = defineJob({
  name: "rep.notify",
  priority: "first_reply",
  options: OUTAGE_RETRIES,
  // Waiting on the vendor (up to 15 s) most of the time; the database is touched before and after.
  concurrency: 16,
  handler: (job) => notifyRep(job, job),
});
