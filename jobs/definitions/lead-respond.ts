import { respondToLead } from "../../lib/responder/respond-to-lead.ts";
import { defineJob } from "../define-job.ts";

/** Draft the first reply and hand it to customer.send-email / rep.notify (see lib/responder/respond-to-lead.ts). */
export const leadRespond = defineJob({
  name: "lead.respond",
  // 8 retries, 2 s doubling to at most 2 min, so a database outage of minutes ends in a reply, not a failed job
  // (npm run test:faults); the model's own timeout is 20 s, so 120 s never cuts a healthy run short.
  options: {
    retryLimit: 8,
    retryBackoff: true,
    retryDelay: 2,
    retryDelayMax: 120,
    expireInSeconds: 120,
    // A worker that dies mid-job (OOM, SIGKILL) stops beating: the job is retried within ~20 s, not 120 s.
    heartbeatSeconds: 10,
  },
  // Mostly waiting on the model (up to 20 s, no database connection held meanwhile): at 20 leads/s a 1.5 s
  // model keeps ~30 replies in flight, and a slow model (say 5 s) 100. Each slot costs a promise, not a connection.
  concurrency: 100,
  handler: (payload, { signal }) => respondToLead(payload, payload, { signal }),
});
