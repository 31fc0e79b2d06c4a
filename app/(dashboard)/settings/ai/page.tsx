import { getTranslations } from "next-intl/server";
import { getAiSettings } from "@/lib/ai-settings/get-ai-settings";
import { requireSession } from "@/lib/auth/get-session";
import { canManageAiSettings } from "@/lib/auth/permissions";
import { AiSettingsForm } from "./ai-settings-form";
import { TestLeadForm } from "./test-lead-form";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("ai");

export default async function AiSettingsPage() {
  const session = await requireSession();
  const t = await getTranslations("aiSettings");
  if (!canManageAiSettings(session.role))
    return <p className="text-muted-foreground text-sm">{t("noAccess")}</p>;
  const settings = await getAiSettings(session);
  return (
    <div className="space-y-6">
      <p className="text-muted-foreground max-w-3xl text-sm">{t("intro")}</p>
      <AiSettingsForm {...settings} />
      <TestLeadForm />
    </div>
  );
}
