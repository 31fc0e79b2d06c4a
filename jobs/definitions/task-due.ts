import { notifyTaskDue } from "../../lib/messaging/notify-task-due.ts";
import { defineJob } from "../define-job.ts";

/** A rep's task comes due: the lead moves up the inbox and the rep is told (lib/messaging/notify-task-due.ts). */
export const taskDue = defineJob({
  name: "task.due",
  options: { retryLimit: 3, retryBackoff: true, retryDelay: 2, expireInSeconds: 60, heartbeatSeconds: 10 },
  concurrency: 4,
  handler: (job) => notifyTaskDue(job, job),
});
