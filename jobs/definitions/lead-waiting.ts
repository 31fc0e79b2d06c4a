import { notifyWaitingLeads } from "../../lib/messaging/notify-waiting-leads.ts";
import { defineJob } from "../define-job.ts";

/** Every 5 minutes: reps told once per lead that a customer has waited too long for a person (My profile). */
export const leadWaiting = defineJob({
  name: "rep.lead-waiting",
  options: { retryLimit: 1, expireInSeconds: 240, heartbeatSeconds: 10 },
  cron: "*/5 * * * *",
  handler: () => notifyWaitingLeads(),
});
