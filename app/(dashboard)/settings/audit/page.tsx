import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { findAuditEntries } from "@/lib/audit/find-audit-entries";
import { auditFilterInput } from "@/lib/audit/schemas";
import { requireSession } from "@/lib/auth/get-session";
import { canHandlePrivacyRequests } from "@/lib/auth/permissions";
import { findTeamMembers } from "@/lib/users/find-team-members";
import { pageMetadata } from "@/i18n/page-metadata";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";

export const generateMetadata = pageMetadata("audit");

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const session = await requireSession();
  if (!canHandlePrivacyRequests(session.role)) notFound();
  const t = await getTranslations("audit");
  const parsed = auditFilterInput.safeParse(await searchParams);
  const filter = parsed.success ? parsed.data : {};
  const [entries, members] = await Promise.all([findAuditEntries(session, filter), findTeamMembers(session)]);
  return (
    <div className="space-y-4">
      <p className="text-muted-foreground max-w-3xl text-sm">{t("intro")}</p>
      <AuditFilters filter={filter} members={members.map((m) => ({ id: m.id, name: m.name }))} />
      {!parsed.success && <p className="text-destructive text-sm">{t("badFilter")}</p>}
      <AuditTable entries={entries} />
    </div>
  );
}
