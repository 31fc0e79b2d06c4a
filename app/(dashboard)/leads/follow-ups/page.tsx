import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { findDueFollowUps } from "@/lib/follow-ups/find-due-follow-ups";
import { DueFollowUpsList } from "./due-follow-ups-list";

export async function generateMetadata() {
  const t = await getTranslations("followUps");
  return { title: t("dueTitle") };
}

/** Follow-ups due today and this week (a rep: their own leads'). */
export default async function DueFollowUpsPage() {
  const session = await requireSession();
  const t = await getTranslations("followUps");
  const due = await findDueFollowUps(session);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("dueTitle")}</h1>
      <DueFollowUpsList title={t("dueToday")} rows={due.filter((r) => r.today)} testId="due-today" />
      <DueFollowUpsList title={t("dueThisWeek")} rows={due.filter((r) => !r.today)} testId="due-week" />
    </div>
  );
}
