import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { LEAD_SOURCES, LEAD_STATUSES } from "@/db/schema/enums";
import type { AnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { inboxHref } from "@/lib/leads/inbox-href";
import { SourcePieChart, StatusBarChart } from "./charts";
import { DataTable } from "./data-table";

/** By source (donut) and by status (bars); every slice, bar and table row opens the inbox with that filter. */
export async function BreakdownCharts({ summary }: { summary: AnalyticsSummary }) {
  const t = await getTranslations("analytics");
  const tSource = await getTranslations("source");
  const tStatus = await getTranslations("status");
  const { current: c, previous: p } = summary;
  const period = { range: "custom" as const, from: c.range.from, to: c.range.to };
  const sources = LEAD_SOURCES.map((s) => ({
    key: s,
    label: tSource(s),
    count: c.leads.bySource[s],
    before: p.leads.bySource[s],
    href: inboxHref({ ...period, source: s }),
  }));
  const statuses = LEAD_STATUSES.map((s) => ({
    key: s,
    label: tStatus(s),
    count: c.leads.byStatus[s],
    before: p.leads.byStatus[s],
    href: inboxHref({ ...period, status: s }),
  }));
  const table = (
    rows: { key: string; label: string; count: number; before: number; href: string }[],
    testId: string,
    title: string,
  ) => (
    <DataTable
      testId={testId}
      head={[title, t("leadsColumn"), t("previousColumn")]}
      rows={rows.map((r) => [
        <Link
          key={r.key}
          href={r.href}
          className="underline"
          aria-label={t("openInInbox", { label: r.label })}
        >
          {r.label}
        </Link>,
        r.count,
        r.before,
      ])}
    />
  );
  return (
    <div className="grid gap-4 md:grid-cols-2 [&>*]:min-w-0">
      <Card>
        <CardHeader>
          <CardTitle className="text-base">{t("bySource")}</CardTitle>
        </CardHeader>
        <CardContent>
          <SourcePieChart data={sources} label={t("sourceChart")} />
          {table(sources, "source-table", t("bySource"))}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">{t("byStatus")}</CardTitle>
        </CardHeader>
        <CardContent>
          <StatusBarChart data={statuses} label={t("statusChart")} />
          {table(statuses, "status-table", t("byStatus"))}
        </CardContent>
      </Card>
    </div>
  );
}
