import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema/users.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { isAppError } from "../errors.ts";
import { fetchFeed } from "../integrations/feed-http/fetch-feed.ts";
import { sendUserEmail } from "../messaging/send-user-email.ts";
import { findImportSettings, recordImportRun, saveImportSettings } from "./import-settings.ts";
import { importVehicles, type ImportSummary } from "./import-vehicles.ts";
import { readInventoryFile } from "./read-inventory-file.ts";

export type FeedRunResult =
  { ok: true; summary: ImportSummary } | { ok: false; error: string; alerted: boolean };

/**
 * One run of the dealership's inventory feed (the pg-boss cron job, or "Hent nå"): fetch, read as CSV/JSON/XML,
 * the same upsert as a CSV upload (valid rows applied, failed rows logged). A failure is logged on every run but
 * alerts the admins once: `feed_alerted_at` stays set until a run succeeds.
 */
export async function runVehicleFeed(tenant: Tenant, now = new Date()): Promise<FeedRunResult | null> {
  const settings = await withTenant(tenant.dealershipId, (tx) => findImportSettings(tx));
  if (!settings?.feedUrl) return null;
  const started = Date.now();
  try {
    const feed = await fetchFeed(settings.feedUrl);
    const table = readInventoryFile(feed.bytes, settings.feedFormat as "auto" | "csv" | "json" | "xml");
    const summary = await importVehicles(
      { dealershipId: tenant.dealershipId, userId: null, name: null },
      table,
      {
        source: "feed",
        applyValidRows: true,
        markMissingSold: settings.feedMarkMissingSold,
        now,
      },
    );
    if (settings.feedFailingSince || settings.feedAlertedAt)
      await withTenant(tenant.dealershipId, (tx) =>
        saveImportSettings(tx, { feedFailingSince: null, feedAlertedAt: null }),
      );
    return { ok: true, summary };
  } catch (err) {
    const error = isAppError(err) ? err.message : err instanceof Error ? err.message : String(err);
    const alertAdmins = !settings.feedAlertedAt;
    await withTenant(tenant.dealershipId, async (tx) => {
      await recordImportRun(tx, {
        source: "feed",
        actorUserId: null,
        ok: false,
        message: error.slice(0, 500),
        durationMs: Date.now() - started,
      });
      await saveImportSettings(tx, {
        feedFailingSince: settings.feedFailingSince ?? now,
        ...(alertAdmins && { feedAlertedAt: now }),
      });
    });
    if (alertAdmins) await alertAdminsOfFailingFeed(tenant, settings.feedUrl, error, now);
    return { ok: false, error, alerted: alertAdmins };
  }
}

async function alertAdminsOfFailingFeed(tenant: Tenant, url: string, error: string, now: Date) {
  const admins = await withTenant(tenant.dealershipId, (tx) =>
    tx
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.dealershipId, tx.dealershipId), eq(users.role, "admin"), eq(users.isActive, true))),
  );
  for (const admin of admins)
    await sendUserEmail(tenant, {
      to: admin.email,
      subject: "Lagerfeeden kunne ikke hentes",
      text:
        `Hei ${admin.name ?? ""},\n\nVi klarte ikke å hente lagerfeeden ${url}:\n${error}\n\n` +
        "Bilene i Norvalt er ikke oppdatert fra feeden før dette er rettet. Vi prøver igjen automatisk, " +
        "og du får ikke flere varsler før feeden har virket igjen.\n\nSe Biler → Lagerfeed.",
      idempotencyKey: `vehicle-feed-alert:${tenant.dealershipId}:${now.toISOString()}:${admin.email}`,
    });
}
