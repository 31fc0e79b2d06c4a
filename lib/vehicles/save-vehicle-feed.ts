import { recordAudit } from "../audit/record-audit.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { scheduleJob, unscheduleJob } from "../jobs/schedule-job.ts";
import { actorTypeOf } from "../leads/lead-actor.ts";
import { saveImportSettings } from "./import-settings.ts";
import type { VehicleActor } from "./save-vehicle.ts";
import { FEED_CRONS, type VehicleFeedInput } from "./schemas.ts";

/**
 * Saves the dealership's feed and, after the commit, (re)schedules its pg-boss cron job keyed by the dealership
 * id, or removes it when the feed is turned off. Saving clears a failure alert, so a fixed feed can alert again.
 */
export async function saveVehicleFeed(actor: VehicleActor, input: VehicleFeedInput) {
  if (input.feed_enabled && !input.feed_url)
    throw new AppError("bad_request", "Sjekk feltene som er markert", {
      fieldErrors: { feed_url: ["Lim inn lenken til feeden"] },
    });
  const cron = FEED_CRONS[input.feed_schedule];
  const saved = await withTenant(actor.dealershipId, async (tx) => {
    const row = await saveImportSettings(tx, {
      feedUrl: input.feed_url,
      feedFormat: input.feed_format,
      feedEnabled: input.feed_enabled,
      feedCron: cron,
      feedMarkMissingSold: input.feed_mark_missing_sold,
      feedFailingSince: null,
      feedAlertedAt: null,
    });
    await recordAudit(tx, {
      dealershipId: tx.dealershipId,
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      action: "vehicle.feed_updated",
      targetType: "vehicle_import_settings",
      targetId: row.id,
      data: { enabled: input.feed_enabled, format: input.feed_format, cron },
    });
    return row;
  });
  if (saved.feedEnabled)
    await scheduleJob("inventory.feed-sync", actor.dealershipId, cron, { dealershipId: actor.dealershipId });
  else await unscheduleJob("inventory.feed-sync", actor.dealershipId);
  return saved;
}
