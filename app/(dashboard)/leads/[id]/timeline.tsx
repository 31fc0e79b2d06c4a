import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { LeadDetail } from "@/lib/leads/get-lead-detail";
import { getTimeFormatters } from "@/i18n/get-time-formatters";

const key = (type: string) => type.replaceAll(".", "_");

/** What happened to the lead, oldest first: arrival, merges, AI steps with their durations, sends, changes. */
export async function Timeline({ events }: { events: LeadDetail["events"] }) {
  const t = await getTranslations("timeline");
  const format = await getFormatter();
  const time = await getTimeFormatters();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">
          <h2>{t("title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        <ol className="space-y-2 text-sm" data-testid="timeline">
          {events.map((e) => {
            const duration = typeof e.data.durationMs === "number" ? e.data.durationMs : null;
            const reason = typeof e.data.reason === "string" ? e.data.reason : null;
            return (
              <li key={e.id} className="flex justify-between gap-3" data-event={e.type}>
                <span>
                  {/* next-intl nests on ".", so "lead.created" is stored as lead_created; an event without
                      words yet says "Hendelse", never its raw name (the i18n test lists every type written) */}
                  {t.has(`events.${key(e.type)}`) ? t(`events.${key(e.type)}`) : t("unknownEvent")}
                  {duration !== null ? (
                    <span className="text-muted-foreground"> · {time.duration(duration)}</span>
                  ) : null}
                  {reason && e.type !== "lead.status_changed" && t.has(`reasons.${reason}`) ? (
                    <span className="text-muted-foreground block text-xs">{t(`reasons.${reason}`)}</span>
                  ) : null}
                </span>
                <time
                  className="text-muted-foreground text-xs whitespace-nowrap"
                  dateTime={e.createdAt.toISOString()}
                  title={format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
                >
                  {format.dateTime(e.createdAt, { timeStyle: "short", dateStyle: "short" })}
                </time>
              </li>
            );
          })}
        </ol>
      </CardContent>
    </Card>
  );
}
