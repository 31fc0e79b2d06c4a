import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/get-session";
import { canTriageEmail } from "@/lib/auth/permissions";
import { findEmailPage } from "@/lib/inbound-email/find-emails";
import { EmailViewTabs } from "./email-view-tabs";
import { EmailsTable } from "./emails-table";
import { UploadEmailButton } from "./upload-email-button";
import { EMAIL_VIEWS, isEmailView } from "./views";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("emails");
const PAGE_SIZE = 25;
const query = z.object({
  view: z
    .string()
    .optional()
    .transform((v) => (isEmailView(v) ? v : "all")),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

export default async function EmailsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string>>;
}) {
  const session = await requireSession();
  if (!canTriageEmail(session.role)) notFound();
  const { view, page } = query.parse(await searchParams);
  const filter = { ...EMAIL_VIEWS[view], limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const result = await findEmailPage(session, filter);
  const t = await getTranslations("emails");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-muted-foreground text-sm">{t("subtitle", { total: result.total })}</p>
        </div>
        <UploadEmailButton />
      </div>
      <EmailViewTabs current={view} />
      <EmailsTable
        rows={result.emails}
        page={page}
        pages={Math.max(1, Math.ceil(result.total / PAGE_SIZE))}
        view={view}
      />
    </div>
  );
}
