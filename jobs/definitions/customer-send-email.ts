import { sendCustomerEmail } from "../../lib/messaging/send-customer-email.ts";
import { defineJob } from "../define-job.ts";

/** One stored outbound e-mail → the customer (see lib/messaging/send-customer-email.ts). */
export const customerSendEmail = defineJob({
  name: "customer.send-email",
  // A worker that dies mid-job stops beating: the job is retried within ~20 s.
  // Retries outlast a vendor outage of several minutes (npm run test:faults: 30 s of 5xx): 2 s doubling to 2 min.
  options: {
    retryLimit: 8,
    retryBackoff: true,
    retryDelay: 2,
    retryDelayMax: 120,
    expireInSeconds: 60,
    heartbeatSeconds: 10,
  },
  // Waiting on the vendor (up to 15 s) most of the time; the database is touched before and after.
  concurrency: 16,
  handler: (job) => sendCustomerEmail(job, job),
});
