import { z } from "zod";
import { sendReplyEmail } from "../../lib/responder/send-reply-email.ts";
import { defineJob } from "../define-job.ts";

/** One stored outbound message → the customer (see lib/responder/send-reply-email.ts). */
export const emailSend = defineJob({
  name: "email.send",
  schema: z.object({ conversationId: z.uuid(), leadId: z.uuid(), dealershipId: z.uuid() }),
  options: {
    retryLimit: 3,
    retryBackoff: true,
    retryDelay: 2,
    expireInSeconds: 60,
    // A worker that dies mid-job stops beating: the job is retried within ~20 s.
    heartbeatSeconds: 10,
  },
  // Waiting on the vendor (up to 15 s) most of the time; the database is touched before and after.
  concurrency: 16,
  handler: (payload) => sendReplyEmail(payload),
});
