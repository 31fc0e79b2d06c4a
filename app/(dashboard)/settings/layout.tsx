import { getTranslations } from "next-intl/server";
import { SettingsNav } from "./settings-nav";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("settings");
  const tMe = await getTranslations("myProfile");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <SettingsNav
        labels={{
          dealership: t("dealership"),
          team: t("team"),
          apiKeys: t("apiKeys"),
          integrations: t("integrations"),
          outbox: t("outbox"),
          jobs: t("jobs"),
          me: tMe("tab"),
        }}
      />
      {children}
    </div>
  );
}
