import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import type { DayRange } from "@/lib/analytics/analytics-range";
import { ANALYTICS_TABLES } from "@/lib/analytics/schemas";

/** CSV downloads of each table for the range shown (GET /api/analytics/export). */
export async function ExportLinks({ range }: { range: DayRange }) {
  const t = await getTranslations("analytics");
  return (
    <section aria-labelledby="analytics-export" className="space-y-2">
      <h2 id="analytics-export" className="text-base font-semibold">
        {t("exportTitle")}
      </h2>
      <div className="flex flex-wrap gap-2">
        {ANALYTICS_TABLES.map((table) => (
          <a
            key={table}
            download
            href={`/api/analytics/export?from=${range.from}&to=${range.to}&table=${table}`}
            className={buttonVariants({ variant: "outline", size: "sm" })}
          >
            {t(`exportTables.${table}`)} · CSV
          </a>
        ))}
      </div>
    </section>
  );
}
