import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { SettingsNav } from "./settings-nav";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  const t = await getTranslations("settings");
  const tHours = await getTranslations("businessHours");
  const tAi = await getTranslations("aiSettings");
  const tMe = await getTranslations("myProfile");
  const tTemplates = await getTranslations("templates");
  const tFollowUps = await getTranslations("followUps");
  const tPrivacy = await getTranslations("privacy");
  const tAudit = await getTranslations("audit");
  const tConversation = await getTranslations("conversation");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <SettingsNav
        role={session.role}
        navLabel={t("title")}
        labels={{
          dealership: t("dealership"),
          team: t("team"),
          businessHours: tHours("tab"),
          aiSettings: tAi("tab"),
          conversation: tConversation("tab"),
          templates: tTemplates("tab"),
          followUps: tFollowUps("tab"),
          apiKeys: t("apiKeys"),
          integrations: t("integrations"),
          outbox: t("outbox"),
          jobs: t("jobs"),
          privacy: tPrivacy("tab"),
          audit: tAudit("tab"),
          me: tMe("tab"),
        }}
      />
      {children}
    </div>
  );
}
