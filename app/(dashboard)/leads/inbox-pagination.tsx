import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { inboxHref, type InboxParams } from "@/lib/leads/inbox-href";

export async function InboxPagination(props: {
  params: InboxParams;
  page: number;
  pages: number;
  total: number;
}) {
  const { params, page, pages, total } = props;
  const t = await getTranslations("inbox");
  const format = await getFormatter();
  const link = (target: number, label: string, rel: "prev" | "next") => {
    const disabled = rel === "prev" ? page <= 1 : page >= pages;
    return disabled ? (
      <Button variant="outline" size="sm" disabled>
        {label}
      </Button>
    ) : (
      <Button asChild variant="outline" size="sm">
        <Link href={inboxHref(params, { page: target })} rel={rel}>
          {label}
        </Link>
      </Button>
    );
  };
  return (
    <nav aria-label={t("pagination")} className="flex items-center justify-between gap-2 text-sm">
      <span className="text-muted-foreground" data-testid="inbox-page">
        {t("pageOf", { page: format.number(page), pages: format.number(pages), total })}
      </span>
      <div className="flex gap-2">
        {link(page - 1, t("previous"), "prev")}
        {link(page + 1, t("next"), "next")}
      </div>
    </nav>
  );
}
