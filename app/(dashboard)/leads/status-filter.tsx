import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LEAD_STATUSES } from "@/db/schema/enums";
import { cn } from "@/lib/cn";
import { inboxHref, type InboxParams } from "@/lib/leads/inbox-href";

/** Status tabs (US-4.1). Links, so every tab is a URL and the back button goes to the previous one. */
export async function StatusFilter({
  params,
  counts,
}: {
  params: InboxParams;
  counts: Partial<Record<string, number>>;
}) {
  const t = await getTranslations();
  const items = [
    { key: undefined, label: t("inbox.all") },
    ...LEAD_STATUSES.map((s) => ({ key: s, label: t(`status.${s}`) })),
  ];
  return (
    <nav
      aria-label={t("inbox.statusFilter")}
      className="bg-muted flex max-w-full flex-wrap gap-1 rounded-lg p-1 sm:inline-flex"
    >
      {items.map(({ key, label }) => (
        <Link
          key={key ?? "all"}
          href={inboxHref(params, { status: key })}
          aria-current={params.status === key ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1 text-sm font-medium whitespace-nowrap",
            params.status === key ? "bg-background shadow-sm" : "text-muted-foreground hover:text-foreground",
          )}
        >
          {label}{" "}
          <span className="text-muted-foreground tabular-nums" data-testid={`tab-count-${key ?? "all"}`}>
            {counts[key ?? "all"] ?? 0}
          </span>
        </Link>
      ))}
    </nav>
  );
}
