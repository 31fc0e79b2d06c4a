import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { canHandlePrivacyRequests, canViewPerson } from "@/lib/auth/permissions";
import { findPrivacyRequests } from "@/lib/privacy/find-privacy-requests";
import { DEALERSHIP_EXPORT_TTL_HOURS } from "@/lib/privacy/run-dealership-export";
import { getRetentionMonths } from "@/lib/privacy/update-retention-settings";
import { pageMetadata } from "@/i18n/page-metadata";
import { DealershipExportCard } from "./dealership-export-card";
import { PersonSearch } from "./person-search";
import { PrivacyRequestsTable } from "./privacy-requests-table";
import { RetentionForm } from "./retention-form";

export const generateMetadata = pageMetadata("privacy");

export default async function PrivacySettingsPage() {
  const session = await requireSession();
  if (!canViewPerson(session.role)) notFound();
  const t = await getTranslations("privacy");
  const admin = canHandlePrivacyRequests(session.role);
  const [requests, months] = admin
    ? await Promise.all([findPrivacyRequests(session), getRetentionMonths(session)])
    : [[], 0];
  const exportRunning = requests.some((r) => r.kind === "dealership_export" && r.status === "pending");
  return (
    <div className="space-y-8">
      <p className="text-muted-foreground max-w-3xl text-sm">{t("intro")}</p>
      <PersonSearch canAct={admin} />
      {admin && <DealershipExportCard ttlHours={DEALERSHIP_EXPORT_TTL_HOURS} running={exportRunning} />}
      {admin && <PrivacyRequestsTable requests={requests} />}
      {admin && <RetentionForm months={months} />}
    </div>
  );
}
