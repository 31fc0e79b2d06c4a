import { purgeExpiredRecords } from "../../lib/maintenance/purge-expired-records.ts";
import { defineJob } from "../define-job.ts";

export const maintenancePurge = defineJob({
  name: "maintenance.purge",
  options: { retryLimit: 2, expireInSeconds: 300, heartbeatSeconds: 10 },
  cron: "17 * * * *",
  handler: () => purgeExpiredRecords(),
});
