import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { DataTable } from "./data-table";
import { formatShare } from "./format-figures";

/** Follow-up effect (issue 21 × 19): per step, follow-ups sent in the period and how many the customer answered. */
export async function FollowUpSection({ summary }: { summary: AnalyticsSummary }) {
  const t = await getTranslations("analytics");
  const format = await getFormatter();
  const before = new Map(summary.previousFollowUpEffect.map((e) => [e.step, e]));
  return (
    <Card data-testid="follow-up-effect">
      <CardHeader>
        <CardTitle className="text-base">
          <h2>{t("followUpTitle")}</h2>
        </CardTitle>
        <CardDescription>{t("followUpSubtitle")}</CardDescription>
      </CardHeader>
      <CardContent>
        {summary.followUpEffect.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t("noFollowUps")}</p>
        ) : (
          <DataTable
            testId="follow-up-effect-table"
            head={[
              t("followUpStep"),
              t("followUpSent"),
              t("followUpReplied"),
              t("followUpReplyRate"),
              t("followUpPreviousRate"),
            ]}
            rows={summary.followUpEffect.map((e) => [
              t("followUpStepN", { step: e.step }),
              format.number(e.sent),
              format.number(e.replied),
              formatShare(format, e.replyRate),
              formatShare(format, before.get(e.step)?.replyRate ?? null),
            ])}
          />
        )}
      </CardContent>
    </Card>
  );
}
