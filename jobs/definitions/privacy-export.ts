import { markPrivacyRequestFailed } from "../../lib/privacy/mark-privacy-request-failed.ts";
import { runPersonExport } from "../../lib/privacy/run-person-export.ts";
import { defineJob } from "../define-job.ts";

/** A person's data export (GDPR art. 15/20), requested from Settings → Personvern or POST /api/privacy/export. */
export const privacyExport = defineJob({
  name: "privacy.export",
  options: { retryLimit: 3, retryBackoff: true, expireInSeconds: 300 },
  handler: (job) => runPersonExport(job, job),
  onFinalFailure: (job, reason) => markPrivacyRequestFailed(job, { requestId: job.requestId, reason }),
});
