import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { ROLES_ADMIN } from "@/lib/auth/permissions";
import { FAILED_JOBS_WINDOW_DAYS, findFailedJobs } from "@/lib/jobs/find-failed-jobs";
import { FailedJobsTable } from "./failed-jobs-table";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("jobs");

export default async function FailedJobsPage() {
  const session = await requireSession();
  const t = await getTranslations("jobs");
  // Admins only, like the retry action: payloads and error messages can carry customer details.
  if (!ROLES_ADMIN.includes(session.role)) notFound();
  const jobs = await findFailedJobs(session);
  return (
    <div className="space-y-4">
      <p className="text-muted-foreground text-sm">{t("hint", { days: FAILED_JOBS_WINDOW_DAYS })}</p>
      {jobs.length === 0 ? (
        <p className="text-muted-foreground rounded-lg border border-dashed p-8 text-center text-sm">
          {t("empty", { days: FAILED_JOBS_WINDOW_DAYS })}
        </p>
      ) : (
        <FailedJobsTable jobs={jobs} />
      )}
    </div>
  );
}
