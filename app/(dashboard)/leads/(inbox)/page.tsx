import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LEAD_SOURCES } from "@/db/schema/enums";
import { LiveUpdates } from "@/components/leads/live-updates";
import { OnboardingChecklist } from "@/components/onboarding/onboarding-checklist";
import { requireSession } from "@/lib/auth/get-session";
import { canBulkUpdateLeads } from "@/lib/auth/permissions";
import { findTeamMembers } from "@/lib/users/find-team-members";
import { findLeadPage } from "@/lib/leads/find-leads";
import { parseInboxParams } from "@/lib/leads/parse-inbox-params";
import { getWithdrawnVehicleFlags } from "@/lib/vehicles/interested-leads";
import { getOnboardingChecklist } from "@/lib/onboarding/get-onboarding-checklist";
import { dismissOnboardingAction } from "../../settings/actions";
import { AddLeadButton } from "../add-lead-button";
import { InboxFilters } from "../inbox-filters";
import { InboxPagination } from "../inbox-pagination";
import { LeadsTable } from "../leads-table";
import { StatusFilter } from "../status-filter";
import { toInboxRows } from "../to-inbox-rows";
import { ViewTabs } from "../view-tabs";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("leads");

export default async function LeadsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireSession();
  const timeZone = session.timeZone ?? "Europe/Oslo";
  const { params, filter } = parseInboxParams(await searchParams, {
    userId: session.userId,
    timeZone,
    role: session.role,
  });
  const result = await findLeadPage(session, filter);
  const team = (await findTeamMembers(session))
    .filter((m) => m.isActive)
    .map(({ id, name }) => ({ id, name }));
  const t = await getTranslations("inbox");
  // "All leads" is the unfiltered inbox; the rep's default view has its own empty text.
  const filtered = Boolean(
    filter.search ||
    filter.source ||
    filter.from ||
    filter.status ||
    params.assigned ||
    (params.view && params.view !== "all"),
  );
  const nothingForMe =
    params.view === "mine" && !filter.search && !filter.source && !filter.from && !filter.status;
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
          <Link
            href="/leads/follow-ups"
            className="text-sm hover:underline"
            data-testid="due-follow-ups-link"
          >
            {(await getTranslations("followUps"))("dueTitle")}
          </Link>
          <LiveUpdates />
          <AddLeadButton />
        </div>
      </div>
      <ViewTabs params={params} />
      <StatusFilter params={params} counts={result.statusCounts} />
      <InboxFilters params={params} sources={LEAD_SOURCES} team={team} />
      {onboarding ? (
        <OnboardingChecklist checklist={onboarding} dismissAction={dismissOnboardingAction} />
      ) : null}
      <LeadsTable
        rows={await toInboxRows(
          result.leads,
          timeZone,
          undefined,
          await getWithdrawnVehicleFlags(
            session,
            result.leads.map((l) => l.id),
          ),
        )}
        filtered={filtered}
        nothingForMe={nothingForMe}
        team={team}
        canBulk={canBulkUpdateLeads(session.role)}
      />
      <InboxPagination params={params} page={result.page} pages={result.pages} total={result.total} />
    </div>
  );
}
