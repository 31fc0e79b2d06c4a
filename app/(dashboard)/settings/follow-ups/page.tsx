import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { canManageFollowUps } from "@/lib/auth/permissions";
import { getFollowUpSettings } from "@/lib/follow-ups/get-follow-up-settings";
import { previewFollowUps } from "@/lib/follow-ups/preview-follow-up";
import { FollowUpPreview } from "./follow-up-preview";
import { FollowUpRuleForm } from "./follow-up-rule-form";

export async function generateMetadata() {
  const t = await getTranslations("followUps");
  return { title: t("pageTitle") };
}

/** Settings → Oppfølging (admins and managers): the follow-up rule and what a sample lead would get. */
export default async function FollowUpSettingsPage() {
  const session = await requireSession();
  if (!canManageFollowUps(session.role)) notFound();
  const t = await getTranslations("followUps");
  const [rule, preview] = await Promise.all([getFollowUpSettings(session), previewFollowUps(session)]);
  return (
    <div className="space-y-6">
      <p className="text-muted-foreground max-w-3xl text-sm">{t("intro")}</p>
      <FollowUpRuleForm rule={rule} />
      <FollowUpPreview steps={preview} enabled={rule.enabled} />
    </div>
  );
}
