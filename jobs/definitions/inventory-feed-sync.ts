import { runVehicleFeed } from "../../lib/vehicles/run-vehicle-feed.ts";
import { defineJob } from "../define-job.ts";

/**
 * One dealership's inventory feed. Scheduled per dealership (pg-boss schedule keyed by the dealership id, the
 * cron its admin chose) when the feed is saved; a failing fetch is logged and alerts once, so no retries.
 */
export const inventoryFeedSync = defineJob({
  name: "inventory.feed-sync",
  options: { retryLimit: 0, expireInSeconds: 600, heartbeatSeconds: 10 },
  handler: ({ dealershipId }) => runVehicleFeed({ dealershipId }),
});
