import { anonymiseStaleLeads } from "../../lib/privacy/anonymise-stale-leads.ts";
import { defineJob } from "../define-job.ts";

/** 03:30 Oslo time: anonymise leads past each dealership's retention period; drop expired exports. */
export const privacyRetention = defineJob({
  name: "privacy.retention",
  options: { retryLimit: 2, retryBackoff: true, expireInSeconds: 900 },
  cron: "30 3 * * *",
  handler: () => anonymiseStaleLeads(),
});
