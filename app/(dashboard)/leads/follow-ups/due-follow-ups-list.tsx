import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { DueFollowUp } from "@/lib/follow-ups/find-due-follow-ups";

/** One list of due follow-ups: customer (link to the lead), step, channel, time. */
export async function DueFollowUpsList({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: DueFollowUp[];
  testId: string;
}) {
  const t = await getTranslations("followUps");
  const format = await getFormatter();
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle className="text-base">
          <h2>{title}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t("dueNone")}</p>
        ) : (
          <ul className="divide-y">
            {rows.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <Link href={`/leads/${r.leadId}`} className="font-medium break-words hover:underline">
                  {r.customerName ?? t("unnamed")}
                </Link>
                <span className="text-muted-foreground">
                  {t("step", { step: r.step })} · {t(`channel.${r.channel}`)} ·{" "}
                  <time dateTime={r.dueAt.toISOString()}>
                    {format.dateTime(r.dueAt, { weekday: "short", hour: "2-digit", minute: "2-digit" })}
                  </time>
                  {r.status === "awaiting_approval" ? ` · ${t("status.awaiting_approval")}` : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
