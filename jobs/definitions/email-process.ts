import { markEmailFailed, processInboundEmail } from "../../lib/inbound-email/process-inbound-email.ts";
import { defineJob } from "../define-job.ts";

export const emailProcess = defineJob({
  name: "email.process",
  priority: "first_reply",
  // Parsing failures mark the e-mail failed (reprocess from the dashboard); pg-boss retries only what could not
  // even be recorded, such as a lost database connection.
  options: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 120, heartbeatSeconds: 10 },
  // Parsing is CPU, classification may wait on the model: a few at once keeps both cores busy.
  concurrency: 8,
  handler: (payload, { signal }) => processInboundEmail(payload, payload, { signal }),
  // Even recording the failure failed on every attempt: the e-mail must still end `failed`, never stay pending.
  onFinalFailure: (payload, reason) => markEmailFailed(payload, { emailId: payload.emailId, reason }),
});
