import { z } from "zod";
import { textRepAboutLead } from "../../lib/responder/text-rep-about-lead.ts";
import { defineJob } from "../define-job.ts";

/** SMS to the assigned rep about a lead (see lib/responder/text-rep-about-lead.ts). */
export const smsSend = defineJob({
  name: "sms.send",
  schema: z.object({
    leadId: z.uuid(),
    dealershipId: z.uuid(),
    kind: z.enum(["new_lead", "draft_ready"]),
    customerAnswered: z.boolean(),
  }),
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
  handler: (payload) => textRepAboutLead(payload),
});
