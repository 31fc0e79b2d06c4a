import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { LEAD_STATUSES } from "@/db/schema/enums";
import { requireSession } from "@/lib/auth/get-session";
import { withTenant } from "@/lib/db/tenant";
import { findLeadPage } from "@/lib/leads/find-leads";
import { AddLeadDialog } from "./add-lead-dialog";
import { LeadsTable } from "./leads-table";
import { StatusFilter } from "./status-filter";

export const metadata = { title: "Leads" };
const PAGE_SIZE = 25;
const query = z.object({
  status: z.enum(LEAD_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

export default async function LeadsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const session = await requireSession();
  const { status, page } = query.parse(await searchParams);
  const filter = { status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const { leads, total, pages } = await withTenant(session.dealershipId, (tx) =>
    findLeadPage(tx, session.dealershipId, filter),
  );
  const t = await getTranslations("leads");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-muted-foreground text-sm">{t("subtitle", { total })}</p>
        </div>
        <AddLeadDialog />
      </div>
      <StatusFilter current={status} />
      <LeadsTable rows={leads} page={page} pages={pages} status={status} />
    </div>
  );
}
