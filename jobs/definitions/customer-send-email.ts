import { sendCustomerEmail } from "../../lib/messaging/send-customer-email.ts";
import { markCustomerMessageFailed } from "../../lib/messaging/mark-customer-message-failed.ts";
import { defineJob, OUTAGE_RETRIES } from "../define-job.ts";

/** One stored outbound e-mail → the customer (see lib/messaging/send-customer-email.ts). */
export const customerSendEmail = defineJob({
  name: "customer.send-email",
  priority: "first_reply",
  options: OUTAGE_RETRIES,
  // Waiting on the vendor (up to 15 s) most of the time; the database is touched before and after.
  concurrency: 16,
  handler: (job) => sendCustomerEmail(job, job),
  // Retries used up (or every attempt expired): a message still `pending` ends failed, with "Prøv igjen".
  onFinalFailure: (job, reason) =>
    markCustomerMessageFailed(job, { conversationId: job.conversationId, reason }),
});
