import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/lib/cn";
import { EMAIL_VIEWS, type EmailView } from "./views";

export async function EmailViewTabs({ current }: { current: EmailView }) {
  const t = await getTranslations("emails.views");
  return (
    <nav aria-label={t("label")} className="bg-muted inline-flex flex-wrap gap-1 rounded-lg p-1">
      {(Object.keys(EMAIL_VIEWS) as EmailView[]).map((view) => (
        <Link
          key={view}
          href={view === "all" ? "/emails" : `/emails?view=${view}`}
          aria-current={current === view ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1 text-sm font-medium",
            current === view ? "bg-background shadow-sm" : "text-muted-foreground hover:text-foreground",
          )}
        >
          {t(view)}
        </Link>
      ))}
    </nav>
  );
}
