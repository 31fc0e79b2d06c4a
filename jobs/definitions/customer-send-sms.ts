import { sendCustomerSms } from "../../lib/messaging/send-customer-sms.ts";
import { markCustomerMessageFailed } from "../../lib/messaging/mark-customer-message-failed.ts";
import { defineJob, OUTAGE_RETRIES } from "../define-job.ts";

/** One stored outbound SMS (a rep's reply) → the customer (see lib/messaging/send-customer-sms.ts). */
export const customerSendSms = defineJob({
  name: "customer.send-sms",
  priority: "first_reply",
  options: OUTAGE_RETRIES,
  concurrency: 8,
  handler: (job) => sendCustomerSms(job, job),
  // Retries used up (or every attempt expired): a message still `pending` ends failed, with "Prøv igjen".
  onFinalFailure: (job, reason) =>
    markCustomerMessageFailed(job, { conversationId: job.conversationId, reason }),
});
