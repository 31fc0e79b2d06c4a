import { sendDailySummaries } from "../../lib/messaging/send-daily-summaries.ts";
import { defineJob } from "../define-job.ts";

/** 08:00 Oslo time: yesterday's numbers and today's open leads to every user who asked for them (My profile). */
export const dailySummary = defineJob({
  name: "rep.daily-summary",
  options: { retryLimit: 2, retryBackoff: true, expireInSeconds: 900, heartbeatSeconds: 10 },
  cron: "0 8 * * *",
  handler: () => sendDailySummaries(),
});
