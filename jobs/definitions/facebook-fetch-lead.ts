import { fetchFacebookLead } from "../../lib/facebook-leads/fetch-facebook-lead.ts";
import { markFacebookDeliveryFailed } from "../../lib/facebook-leads/mark-facebook-delivery-failed.ts";
import { defineJob } from "../define-job.ts";

export const facebookFetchLead = defineJob({
  name: "facebook.fetch-lead",
  priority: "first_reply",
  // Inside one run the Graph call backs off 2 s / 4 s / 8 s; after that pg-boss retries with its own backoff.
  options: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120, heartbeatSeconds: 10 },
  // Mostly waiting on Graph (no database connection held meanwhile): a burst of 50 leads is read at once.
  concurrency: 50,
  handler: (payload, { signal }) =>
    fetchFacebookLead(payload, { deliveryId: payload.deliveryId }, { signal }),
  onFinalFailure: (payload, reason) =>
    markFacebookDeliveryFailed(payload, { deliveryId: payload.deliveryId, reason }),
});
