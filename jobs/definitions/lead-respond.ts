import { z } from "zod";
import { respondToLead } from "../../lib/responder/respond-to-lead.ts";
import { defineJob } from "../define-job.ts";

/** Draft the first reply and hand it to email.send / sms.send (see lib/responder/respond-to-lead.ts). */
export const leadRespond = defineJob({
  name: "lead.respond",
  schema: z.object({ leadId: z.uuid(), dealershipId: z.uuid() }),
  // 3 retries, 2 s → 4 s → 8 s; the model's own timeout is 20 s, so 120 s never cuts a healthy run short.
  options: {
    retryLimit: 3,
    retryBackoff: true,
    retryDelay: 2,
    expireInSeconds: 120,
    // A worker that dies mid-job (OOM, SIGKILL) stops beating: the job is retried within ~20 s, not 120 s.
    heartbeatSeconds: 10,
  },
  // Mostly waiting on the model (up to 20 s, no database connection held meanwhile): 4 at a time answered a
  // 1.5 s model at under 3 leads/s; 32 reaches ~20/s with a queue building up; 64 was worse (the worker's
  // 10-connection pool became the queue). bench:respond.
  concurrency: 32,
  handler: (payload, { signal }) => respondToLead(payload, { signal }),
});
