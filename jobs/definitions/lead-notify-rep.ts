import { z } from "zod";
import { notifyRep } from "../../lib/responder/notify-rep.ts";
import { defineJob } from "../define-job.ts";

export const leadNotifyRep = defineJob({
  name: "lead.notify-rep",
  schema: z.object({
    leadId: z.uuid(),
    dealershipId: z.uuid(),
    reason: z.enum(["merged", "bounced", "replied"]),
    emailId: z.uuid().optional(),
  }),
  options: { retryLimit: 3, retryBackoff: true, expireInSeconds: 60 },
  handler: (payload) => notifyRep(payload),
});
