import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { LEAD_SOURCES, LEAD_STATUSES } from "@/db/schema/enums";
import { getLeadSummary } from "@/lib/analytics/get-lead-summary";
import { requireSession } from "@/lib/auth/get-session";
import { pageMetadata } from "@/i18n/page-metadata";
import { getTimeFormatters } from "@/i18n/get-time-formatters";

export const generateMetadata = pageMetadata("analytics");

export default async function AnalyticsPage() {
  const session = await requireSession();
  const summary = await getLeadSummary(session);
  const t = await getTranslations();
  const format = await getFormatter();
  const time = await getTimeFormatters();
  const stats = [
    { label: t("analytics.totalLeads"), value: format.number(summary.total) },
    {
      label: t("analytics.medianResponse"),
      value:
        summary.medianResponseSeconds == null
          ? t("analytics.none")
          : time.duration(summary.medianResponseSeconds * 1000),
    },
    {
      label: t("analytics.conversion"),
      value:
        summary.conversionRate == null
          ? t("analytics.none")
          : format.number(summary.conversionRate, { style: "percent", maximumFractionDigits: 1 }),
    },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("analytics.title")}</h1>
        <p className="text-muted-foreground text-sm">{t("analytics.subtitle")}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {stats.map((s) => (
          <Card key={s.label}>
            <CardHeader>
              <CardTitle className="text-muted-foreground text-sm font-medium">{s.label}</CardTitle>
            </CardHeader>
            <CardContent className="text-3xl font-semibold">{s.value}</CardContent>
          </Card>
        ))}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <Breakdown
          title={t("analytics.byStatus")}
          rows={LEAD_STATUSES.map((k) => ({ label: t(`status.${k}`), n: summary.byStatus[k] ?? 0 }))}
          total={summary.total}
        />
        <Breakdown
          title={t("analytics.bySource")}
          rows={LEAD_SOURCES.map((k) => ({ label: t(`source.${k}`), n: summary.bySource[k] ?? 0 }))}
          total={summary.total}
        />
      </div>
    </div>
  );
}

function Breakdown({
  title,
  rows,
  total,
}: {
  title: string;
  rows: { label: string; n: number }[];
  total: number;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-2">
        {rows.map((r) => (
          <div key={r.label} className="grid grid-cols-[8rem_1fr_3rem] items-center gap-3 text-sm">
            <span>{r.label}</span>
            <div className="bg-muted h-2 rounded-full">
              <div
                className="bg-primary h-2 rounded-full"
                style={{ width: `${total ? (r.n / total) * 100 : 0}%` }}
              />
            </div>
            <span className="text-right tabular-nums">{r.n}</span>
          </div>
        ))}
      </CardContent>
    </Card>
  );
}
