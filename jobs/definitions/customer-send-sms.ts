import { sendCustomerSms } from "../../lib/messaging/send-customer-sms.ts";
import { defineJob } from "../define-job.ts";

/** One stored outbound SMS (a rep's reply) → the customer (see lib/messaging/send-customer-sms.ts). */
export const customerSendSms = defineJob({
  name: "customer.send-sms",
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
  concurrency: 8,
  handler: (job) => sendCustomerSms(job, job),
});
