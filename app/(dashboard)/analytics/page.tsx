import { getTranslations } from "next-intl/server";
import { LiveUpdates } from "@/components/leads/live-updates";
import { getAnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { parseAnalyticsParams } from "@/lib/analytics/parse-analytics-params";
import { pageMetadata } from "@/i18n/page-metadata";
import { requireSession } from "@/lib/auth/get-session";
import { AiSection } from "./ai-section";
import { BreakdownCharts } from "./breakdown-charts";
import { ExportLinks } from "./export-links";
import { FollowUpSection } from "./follow-up-section";
import { HeadlineFigures } from "./headline-figures";
import { LeadsPerDay } from "./leads-per-day";
import { OutcomeTables } from "./outcome-tables";
import { RangePicker } from "./range-picker";
import { RepsTable } from "./reps-table";
import { SpeedSection } from "./speed-section";

export const generateMetadata = pageMetadata("analytics");

export default async function AnalyticsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireSession();
  const { preset, range, invalid, custom } = parseAnalyticsParams(
    await searchParams,
    session.timeZone ?? "Europe/Oslo",
  );
  const summary = await getAnalyticsSummary(session, range);
  const t = await getTranslations("analytics");
  return (
    <div className="min-w-0 space-y-6" data-testid="analytics-page">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <LiveUpdates />
      </div>
      <RangePicker preset={preset} custom={custom} invalid={invalid} summary={summary} />
      <HeadlineFigures summary={summary} />
      <LeadsPerDay summary={summary} />
      <BreakdownCharts summary={summary} />
      <SpeedSection summary={summary} />
      <OutcomeTables summary={summary} />
      <FollowUpSection summary={summary} />
      <AiSection summary={summary} />
      <RepsTable summary={summary} ownOnly={session.role === "sales_rep"} />
      <ExportLinks range={range} />
    </div>
  );
}
