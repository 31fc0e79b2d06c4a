import { pageMetadata } from "@/i18n/page-metadata";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { canManageInventory } from "@/lib/auth/permissions";
import { findImportRuns, getImportSettings } from "@/lib/vehicles/import-settings";
import { FEED_CRONS } from "@/lib/vehicles/schemas";
import { ImportRuns } from "../import/import-runs";
import { FeedForm } from "./feed-form";

export const generateMetadata = pageMetadata("vehicleFeed");

export default async function VehicleFeedPage() {
  const session = await requireSession();
  const t = await getTranslations();
  if (!canManageInventory(session.role))
    return <p className="text-muted-foreground text-sm">{t("vehicles.noAccess")}</p>;
  const settings = await getImportSettings(session);
  const runs = (await findImportRuns(session, 50)).filter((r) => r.source === "feed").slice(0, 20);
  const format = await getFormatter();
  const schedule = (Object.keys(FEED_CRONS) as (keyof typeof FEED_CRONS)[]).find(
    (k) => FEED_CRONS[k] === settings?.feedCron,
  );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("vehicleImport.feedTitle")}</h1>
        <p className="text-muted-foreground max-w-3xl text-sm">{t("vehicleImport.feedSubtitle")}</p>
      </div>
      {settings?.feedFailingSince ? (
        <p role="alert" className="text-destructive text-sm">
          {t("vehicleImport.feedFailing", {
            date: format.dateTime(settings.feedFailingSince, { dateStyle: "medium", timeStyle: "short" }),
          })}
        </p>
      ) : null}
      <FeedForm
        values={{
          feed_url: settings?.feedUrl ?? "",
          feed_format: settings?.feedFormat ?? "auto",
          feed_enabled: settings?.feedEnabled ?? false,
          feed_schedule: schedule ?? "hourly",
          feed_mark_missing_sold: settings?.feedMarkMissingSold ?? false,
        }}
      />
      <ImportRuns runs={runs} />
    </div>
  );
}
