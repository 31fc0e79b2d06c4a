import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { LeadsAreaChart } from "./charts";
import { DataTable } from "./data-table";

export async function LeadsPerDay({ summary }: { summary: AnalyticsSummary }) {
  const t = await getTranslations("analytics");
  const { current, previous } = summary;
  const data = current.leads.perDay.map((d) => ({ key: d.day, label: d.day.slice(5), count: d.count }));
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t("leadsPerDay")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-2">
        <LeadsAreaChart data={data} label={t("leadsPerDayChart", current.range)} />
        <details>
          <summary className="cursor-pointer text-sm">{t("showTable")}</summary>
          <DataTable
            head={[t("day"), t("leadsColumn"), t("previousColumn")]}
            rows={current.leads.perDay.map((d, i) => [d.day, d.count, previous.leads.perDay[i]?.count ?? 0])}
          />
        </details>
      </CardContent>
    </Card>
  );
}
