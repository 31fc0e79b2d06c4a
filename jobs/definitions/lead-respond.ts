import { respondToLead } from "../../lib/responder/respond-to-lead.ts";
import { defineJob, OUTAGE_RETRIES } from "../define-job.ts";

/** Draft the first reply and hand it to customer.send-email / rep.notify (see lib/responder/respond-to-lead.ts). */
export const leadRespond = defineJob({
  name: "lead.respond",
  // Answers a new lead: follow-ups wait while it runs (lib/jobs/first-reply-priority.ts).
  priority: "first_reply",
  // The model's own timeout is 20 s, so 120 s of expiry never cuts a healthy run short.
  options: { ...OUTAGE_RETRIES, expireInSeconds: 120 },
  // Mostly waiting on the model (up to 20 s, no database connection held meanwhile): at 20 leads/s a 1.5 s
  // model keeps ~30 replies in flight, and a slow model (say 5 s) 100. Each slot costs a promise, not a connection.
  concurrency: 100,
  handler: (payload, { signal }) => respondToLead(payload, payload, { signal }),
});
