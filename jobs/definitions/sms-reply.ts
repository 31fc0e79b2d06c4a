import { z } from "zod";
import { sendCustomerSms } from "../../lib/conversations/send-customer-sms.ts";
import { defineJob } from "../define-job.ts";

/** A rep's SMS reply → the customer (see lib/conversations/send-customer-sms.ts). */
export const smsReply = defineJob({
  name: "sms.reply",
  schema: z.object({ conversationId: z.uuid(), leadId: z.uuid(), dealershipId: z.uuid() }),
  options: {
    retryLimit: 3,
    retryBackoff: true,
    retryDelay: 2,
    expireInSeconds: 60,
    // A worker that dies mid-job stops beating: the job is retried within ~20 s.
    heartbeatSeconds: 10,
  },
  concurrency: 8,
  handler: (payload) => sendCustomerSms(payload),
});
