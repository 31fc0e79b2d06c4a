import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { DataTable } from "./data-table";
import { formatShare } from "./format-figures";

/** Funnel with conversion per step, lost reasons, and what customers asked for (stock cars, makes/models). */
export async function OutcomeTables({ summary }: { summary: AnalyticsSummary }) {
  const t = await getTranslations("analytics");
  const tStatus = await getTranslations("status");
  const format = await getFormatter();
  const { current: c, previous: p } = summary;
  const section = (title: string, testId: string, body: React.ReactNode) => (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );
  return (
    <div className="grid gap-4 md:grid-cols-2 [&>*]:min-w-0">
      {section(
        t("funnelTitle"),
        "funnel",
        <DataTable
          head={[t("stage"), t("leadsColumn"), t("conversionColumn"), t("previousColumn")]}
          rows={c.funnel.map((f, i) => [
            tStatus(f.stage),
            f.leads,
            formatShare(format, f.conversion),
            `${p.funnel[i]?.leads ?? 0} · ${formatShare(format, p.funnel[i]?.conversion ?? null)}`,
          ])}
        />,
      )}
      {section(
        t("lostReasonsTitle"),
        "lost-reasons",
        <DataTable
          head={[t("reason"), t("leadsColumn")]}
          rows={c.lostReasons.map((r) => [r.reason ?? t("noReason"), r.count])}
        />,
      )}
      {section(
        t("vehiclesTitle"),
        "vehicles",
        <DataTable
          head={[t("vehicle"), t("leadsColumn")]}
          rows={c.vehicles.map((v) => [v.label, v.count])}
        />,
      )}
      {section(
        t("modelsTitle"),
        "models",
        <DataTable head={[t("model"), t("leadsColumn")]} rows={c.models.map((m) => [m.model, m.count])} />,
      )}
    </div>
  );
}
