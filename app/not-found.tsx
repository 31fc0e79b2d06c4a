import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("notFound");

/** Every unknown address (and another dealership's ids): a 404 in the reader's language. */
export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-6">
      <div className="max-w-md space-y-3 text-center" data-testid="not-found">
        <p className="text-muted-foreground text-sm font-medium">404</p>
        <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
        <p className="text-muted-foreground">{t("notFoundText")}</p>
        <Link href="/leads" className="text-primary underline underline-offset-4">
          {t("toStart")}
        </Link>
      </div>
    </main>
  );
}
