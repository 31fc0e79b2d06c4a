import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/lib/cn";
import { INBOX_VIEWS, inboxHref, type InboxParams } from "@/lib/leads/inbox-href";

/** Saved views (mine, unassigned, waiting too long, drafts, all): links, so each is a URL like the status tabs. */
export async function ViewTabs({ params }: { params: InboxParams }) {
  const t = await getTranslations("inbox");
  const current = params.view ?? "all";
  return (
    <nav aria-label={t("views.label")} className="flex max-w-full flex-wrap gap-2" data-testid="inbox-views">
      {INBOX_VIEWS.map((view) => (
        <Link
          key={view}
          href={inboxHref({ view }, {})}
          aria-current={current === view ? "page" : undefined}
          className={cn(
            "rounded-full border px-3 py-1.5 text-sm font-medium whitespace-nowrap",
            current === view
              ? "bg-primary text-primary-foreground border-transparent"
              : "bg-background text-foreground hover:bg-muted",
          )}
        >
          {t(`views.${view}`)}
        </Link>
      ))}
    </nav>
  );
}
