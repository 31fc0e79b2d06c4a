import { sendCustomerSms } from "../../lib/messaging/send-customer-sms.ts";
import { defineJob } from "../define-job.ts";

/** One stored outbound SMS (a rep's reply) → the customer (see lib/messaging/send-customer-sms.ts). */
export const customerSendSms = defineJob({
  name: "customer.send-sms",
  // A worker that dies mid-job stops beating: the job is retried within ~20 s.
  options: { retryLimit: 3, retryBackoff: true, retryDelay: 2, expireInSeconds: 60, heartbeatSeconds: 10 },
  concurrency: 8,
  handler: (job) => sendCustomerSms(job, job),
});
