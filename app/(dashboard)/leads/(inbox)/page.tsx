import { getTranslations } from "next-intl/server";
import { LEAD_SOURCES } from "@/db/schema/enums";
import { LiveUpdates } from "@/components/leads/live-updates";
import { OnboardingChecklist } from "@/components/onboarding/onboarding-checklist";
import { requireSession } from "@/lib/auth/get-session";
import { findLeadPage } from "@/lib/leads/find-leads";
import { parseInboxParams } from "@/lib/leads/parse-inbox-params";
import { getOnboardingChecklist } from "@/lib/onboarding/get-onboarding-checklist";
import { dismissOnboardingAction } from "../../settings/actions";
import { AddLeadButton } from "../add-lead-button";
import { InboxFilters } from "../inbox-filters";
import { InboxPagination } from "../inbox-pagination";
import { LeadsTable } from "../leads-table";
import { StatusFilter } from "../status-filter";
import { toInboxRows } from "../to-inbox-rows";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("leads");

export default async function LeadsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireSession();
  const timeZone = session.timeZone ?? "Europe/Oslo";
  const { params, filter } = parseInboxParams(await searchParams, { userId: session.userId, timeZone });
  const result = await findLeadPage(session, filter);
  const t = await getTranslations("inbox");
  const filtered = Boolean(filter.search || filter.source || filter.from || filter.status || params.assigned);
  // No leads yet: the admin sees how to get them (the onboarding checklist).
  const onboarding =
    result.total === 0 && !filtered && session.role === "admin"
      ? await getOnboardingChecklist(session)
      : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-muted-foreground text-sm" data-testid="inbox-total">
            {t("total", { total: result.total })}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <LiveUpdates />
          <AddLeadButton />
        </div>
      </div>
      <StatusFilter params={params} />
      <InboxFilters params={params} sources={LEAD_SOURCES} />
      {onboarding ? (
        <OnboardingChecklist checklist={onboarding} dismissAction={dismissOnboardingAction} />
      ) : null}
      <LeadsTable rows={await toInboxRows(result.leads)} filtered={filtered} />
      <InboxPagination params={params} page={result.page} pages={result.pages} total={result.total} />
    </div>
  );
}
