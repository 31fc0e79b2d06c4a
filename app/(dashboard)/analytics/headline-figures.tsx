import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { formatCount, formatSeconds, formatShare } from "./format-figures";

/** The four numbers a manager looks at first, each with the previous period beside it. */
export async function HeadlineFigures({ summary }: { summary: AnalyticsSummary }) {
  const t = await getTranslations("analytics");
  const format = await getFormatter();
  const { current: c, previous: p } = summary;
  const won = (x: typeof c) => (x.leads.total === 0 ? null : (x.funnel[3]?.leads ?? 0) / x.leads.total);
  const figures = [
    {
      id: "total",
      label: t("totalLeads"),
      now: formatCount(format, c.leads.total),
      before: formatCount(format, p.leads.total),
    },
    {
      id: "ai",
      label: t("aiFirstReply"),
      now: formatSeconds(format, c.speed.aiFirstReply.p50),
      before: formatSeconds(format, p.speed.aiFirstReply.p50),
    },
    {
      id: "human",
      label: t("humanFirstContact"),
      now: formatSeconds(format, c.speed.humanFirstContact.p50),
      before: formatSeconds(format, p.speed.humanFirstContact.p50),
    },
    {
      id: "conversion",
      label: t("conversion"),
      now: formatShare(format, won(c)),
      before: formatShare(format, won(p)),
    },
  ];
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4 [&>*]:min-w-0">
      {figures.map((f) => (
        <Card key={f.id} data-testid={`figure-${f.id}`}>
          <CardHeader>
            <CardTitle className="text-muted-foreground text-sm font-medium">{f.label}</CardTitle>
          </CardHeader>
          <CardContent>
            <p className="text-2xl font-semibold tabular-nums sm:text-3xl">{f.now}</p>
            <p className="text-muted-foreground text-xs">{t("previous", { value: f.before })}</p>
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
