import { z } from "zod";
import { respondToLead } from "../../lib/responder/respond-to-lead.ts";
import { defineJob } from "../define-job.ts";

export const leadRespond = defineJob({
  name: "lead.respond",
  schema: z.object({ leadId: z.uuid(), dealershipId: z.uuid() }),
  options: { retryLimit: 3, retryBackoff: true, retryDelay: 2, expireInSeconds: 120 },
  concurrency: 4,
  handler: (payload) => respondToLead(payload),
});
