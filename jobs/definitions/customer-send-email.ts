import { sendCustomerEmail } from "../../lib/messaging/send-customer-email.ts";
import { defineJob } from "../define-job.ts";

/** One stored outbound e-mail → the customer (see lib/messaging/send-customer-email.ts). */
export const customerSendEmail = defineJob({
  name: "customer.send-email",
  // A worker that dies mid-job stops beating: the job is retried within ~20 s.
  options: { retryLimit: 3, retryBackoff: true, retryDelay: 2, expireInSeconds: 60, heartbeatSeconds: 10 },
  // Waiting on the vendor (up to 15 s) most of the time; the database is touched before and after.
  concurrency: 16,
  handler: (job) => sendCustomerEmail(job, job),
});
