import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ANALYTICS_PRESETS, type AnalyticsPreset } from "@/lib/analytics/analytics-range";
import type { AnalyticsSummary } from "@/lib/analytics/get-analytics-summary";
import { cn } from "@/lib/cn";

/** Presets as links (shareable URLs, work without JavaScript) and a custom range as a plain GET form. */
export async function RangePicker({
  preset,
  custom,
  invalid,
  summary,
}: {
  preset: AnalyticsPreset;
  custom: { from?: string; to?: string };
  invalid: boolean;
  summary: AnalyticsSummary;
}) {
  const t = await getTranslations("analytics");
  const { current, previous } = summary;
  return (
    <section aria-label={t("rangeLabel")} className="space-y-3">
      <nav className="flex flex-wrap gap-2" data-testid="range-presets">
        {ANALYTICS_PRESETS.filter((p) => p !== "custom").map((p) => (
          <Link
            key={p}
            href={`/analytics?range=${p}`}
            aria-current={p === preset ? "page" : undefined}
            className={cn(buttonVariants({ variant: p === preset ? "default" : "outline", size: "sm" }))}
          >
            {t(`presets.${p}`)}
          </Link>
        ))}
      </nav>
      <form action="/analytics" method="get" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="range" value="custom" />
        <div className="grid gap-1">
          <Label htmlFor="analytics-from">{t("customFrom")}</Label>
          <Input
            id="analytics-from"
            name="from"
            type="date"
            required
            defaultValue={preset === "custom" ? custom.from : current.range.from}
            className="w-40"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="analytics-to">{t("customTo")}</Label>
          <Input
            id="analytics-to"
            name="to"
            type="date"
            required
            defaultValue={preset === "custom" ? custom.to : current.range.to}
            className="w-40"
          />
        </div>
        <Button type="submit" size="sm" variant={preset === "custom" ? "default" : "outline"}>
          {t("customApply")}
        </Button>
      </form>
      {invalid ? (
        <p role="alert" className="text-destructive text-sm">
          {t("rangeError")}
        </p>
      ) : null}
      <p className="text-muted-foreground text-sm" data-testid="analytics-period">
        {t("periodText", {
          from: current.range.from,
          to: current.range.to,
          timeZone: summary.timeZone,
          prevFrom: previous.range.from,
          prevTo: previous.range.to,
        })}
      </p>
    </section>
  );
}
