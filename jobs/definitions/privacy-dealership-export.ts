import { markPrivacyRequestFailed } from "../../lib/privacy/mark-privacy-request-failed.ts";
import { runDealershipExport } from "../../lib/privacy/run-dealership-export.ts";
import { defineJob } from "../define-job.ts";

/** The admin's whole-dealership export (zip of CSV/JSON per table), requested from Settings → Personvern. */
export const privacyDealershipExport = defineJob({
  name: "privacy.dealership-export",
  // A large dealership takes minutes; the heartbeat tells pg-boss the worker is still on it.
  options: { retryLimit: 2, retryBackoff: true, expireInSeconds: 3_600, heartbeatSeconds: 30 },
  handler: (job) => runDealershipExport(job, job),
  onFinalFailure: (job, reason) => markPrivacyRequestFailed(job, { requestId: job.requestId, reason }),
});
