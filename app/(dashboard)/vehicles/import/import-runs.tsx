import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { ImportRun } from "@/lib/vehicles/import-settings";

/** The log of recent imports (CSV, feed, API): when, counts, the first errors. */
export async function ImportRuns({ runs }: { runs: ImportRun[] }) {
  const t = await getTranslations("vehicleImport");
  const format = await getFormatter();
  if (runs.length === 0) return null;
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{t("history")}</h2>
      <ul className="divide-y rounded-lg border text-sm" data-testid="import-runs">
        {runs.map((run) => (
          <li key={run.id} className="grid gap-1 px-3 py-2">
            <div className="flex flex-wrap items-center gap-2">
              <Badge variant={run.ok ? "success" : "warning"}>
                {t(`source.${run.source as "csv" | "feed" | "api"}`)}
              </Badge>
              <span>{format.dateTime(run.createdAt, { dateStyle: "medium", timeStyle: "short" })}</span>
              <span className="text-muted-foreground">
                {t("runCounts", { created: run.created, updated: run.updated, failed: run.failed })}
              </span>
            </div>
            {run.message ? <p className="text-muted-foreground">{run.message}</p> : null}
            {run.errors.slice(0, 3).map((e, i) => (
              <p key={i} className="text-destructive text-xs">
                {e.line ? `${t("line")} ${e.line}: ` : ""}
                {e.message}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
