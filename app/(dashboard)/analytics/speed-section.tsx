import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { DataTable } from "./data-table";
import { formatSeconds, formatShare } from "./format-figures";

/** Speed-to-lead: the AI and people apart, opening hours, and e-mail transport apart from our own processing. */
export async function SpeedSection({ summary }: { summary: AnalyticsSummary }) {
  const t = await getTranslations("analytics");
  const format = await getFormatter();
  const s = (n: number | null) => formatSeconds(format, n);
  const pct = (n: number | null) => formatShare(format, n);
  const { current: c, previous: p } = summary;
  const withPrev = (now: string, before: string) => (
    <>
      {now} <span className="text-muted-foreground text-xs">({before})</span>
    </>
  );
  const who = [
    { label: t("ai"), now: c.speed.aiFirstReply, before: p.speed.aiFirstReply, w: "ai" as const },
    {
      label: t("human"),
      now: c.speed.humanFirstContact,
      before: p.speed.humanFirstContact,
      w: "human" as const,
    },
  ];
  const hours = [
    { label: t("insideHours"), now: c.speed.businessHours.inside, before: p.speed.businessHours.inside },
    { label: t("outsideHours"), now: c.speed.businessHours.outside, before: p.speed.businessHours.outside },
  ];
  const email = [
    { label: t("emailTransport"), now: c.speed.email.transport, before: p.speed.email.transport },
    { label: t("emailProcessing"), now: c.speed.email.processing, before: p.speed.email.processing },
  ];
  return (
    <Card data-testid="speed-section">
      <CardHeader>
        <CardTitle className="text-base">{t("speedTitle")}</CardTitle>
        <CardDescription>{t("speedSubtitle")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <DataTable
          head={[t("who"), t("p50"), t("p90"), t("within5m"), t("within1h"), t("within24h")]}
          rows={[
            ...who.map((r) => [
              r.label,
              withPrev(s(r.now.p50), s(r.before.p50)),
              withPrev(s(r.now.p90), s(r.before.p90)),
              pct(c.speed.answeredWithin[r.w].m5),
              pct(c.speed.answeredWithin[r.w].h1),
              pct(c.speed.answeredWithin[r.w].h24),
            ]),
            [
              t("anyReply"),
              "",
              "",
              pct(c.speed.answeredWithin.any.m5),
              pct(c.speed.answeredWithin.any.h1),
              pct(c.speed.answeredWithin.any.h24),
            ],
          ]}
        />
        <DataTable
          head={[
            t("hoursColumn"),
            t("leadsColumn"),
            `${t("ai")} · ${t("p50")}`,
            `${t("human")} · ${t("p50")}`,
          ]}
          rows={hours.map((r) => [
            r.label,
            withPrev(String(r.now.leads), String(r.before.leads)),
            withPrev(s(r.now.ai.p50), s(r.before.ai.p50)),
            withPrev(s(r.now.human.p50), s(r.before.human.p50)),
          ])}
        />
        <DataTable
          head={[t("emailDelayTitle"), t("count"), t("p50"), t("p90")]}
          rows={email.map((r) => [
            r.label,
            r.now.count,
            withPrev(s(r.now.p50), s(r.before.p50)),
            withPrev(s(r.now.p90), s(r.before.p90)),
          ])}
        />
      </CardContent>
    </Card>
  );
}
