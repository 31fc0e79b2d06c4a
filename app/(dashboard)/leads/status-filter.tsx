import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LEAD_STATUSES, type LeadStatus } from "@/db/schema/enums";
import { cn } from "@/lib/cn";

export async function StatusFilter({ current }: { current?: LeadStatus }) {
  const t = await getTranslations();
  const items = [
    { key: undefined, label: t("leads.all") },
    ...LEAD_STATUSES.map((s) => ({ key: s, label: t(`status.${s}`) })),
  ];
  return (
    <nav aria-label={t("leads.status")} className="bg-muted inline-flex flex-wrap gap-1 rounded-lg p-1">
      {items.map(({ key, label }) => (
        <Link
          key={key ?? "all"}
          href={key ? `/leads?status=${key}` : "/leads"}
          aria-current={current === key ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1 text-sm font-medium",
            current === key ? "bg-background shadow-sm" : "text-muted-foreground hover:text-foreground",
          )}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
