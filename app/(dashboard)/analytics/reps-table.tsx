import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { DataTable } from "./data-table";
import { formatCount, formatSeconds } from "./format-figures";

/** Per member: managers and admins see everyone, a sales rep their own row (the summary already filters). */
export async function RepsTable({ summary, ownOnly }: { summary: AnalyticsSummary; ownOnly: boolean }) {
  const t = await getTranslations("analytics");
  const tRoles = await getTranslations("roles");
  const format = await getFormatter();
  const before = new Map(summary.previous.reps.map((r) => [r.userId, r]));
  return (
    <Card data-testid="reps-table">
      <CardHeader>
        <CardTitle className="text-base">{ownOnly ? t("repsOwnTitle") : t("repsTitle")}</CardTitle>
      </CardHeader>
      <CardContent>
        <DataTable
          head={[
            t("rep"),
            t("assigned"),
            t("humanFirstContact"),
            t("callsLogged"),
            t("won"),
            t("openTasksOverdue"),
          ]}
          rows={summary.current.reps.map((r) => {
            const p = before.get(r.userId);
            return [
              <span key="name">
                {r.name} <span className="text-muted-foreground text-xs">{tRoles(r.role as "admin")}</span>
              </span>,
              <>
                {r.assigned} <span className="text-muted-foreground text-xs">({p?.assigned ?? 0})</span>
              </>,
              <>
                {formatSeconds(format, r.humanFirstContact.p50)}{" "}
                <span className="text-muted-foreground text-xs">
                  ({formatSeconds(format, p?.humanFirstContact.p50 ?? null)})
                </span>
              </>,
              formatCount(format, r.callsLogged),
              <>
                {r.won} <span className="text-muted-foreground text-xs">({p?.won ?? 0})</span>
              </>,
              formatCount(format, r.openTasksOverdue),
            ];
          })}
        />
      </CardContent>
    </Card>
  );
}
