import { getTranslations } from "next-intl/server";
import { pageMetadata } from "@/i18n/page-metadata";
import { describeDataProcessing } from "@/lib/privacy/describe-data-processing";

export const generateMetadata = pageMetadata("privacyPolicy");

// Public (no sign-in): linked from every reply e-mail and the dashboard footer. The processors and windows come
// from this installation's configuration (lib/privacy/describe-data-processing.ts).
export default async function PrivacyPolicyPage() {
  const t = await getTranslations("privacy.policy");
  const { processors, retention } = describeDataProcessing();
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-6 text-sm leading-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <h2 className="text-lg font-semibold">{t("storedTitle")}</h2>
      <p>{t("stored")}</p>
      <h2 className="text-lg font-semibold">{t("retentionTitle")}</h2>
      <ul className="list-disc space-y-1 pl-6" data-testid="retention-list">
        {retention.map((r) => (
          <li key={r.key}>{t(`retention.${r.key}`, { value: r.value ?? 0 })}</li>
        ))}
      </ul>
      <h2 className="text-lg font-semibold">{t("processorsTitle")}</h2>
      <ul className="list-disc space-y-1 pl-6" data-testid="processor-list">
        {processors
          .filter((p) => p.active)
          .map((p) => (
            <li key={p.key}>{t(`processors.${p.key}`)}</li>
          ))}
        <li>{t("processors.hosting")}</li>
      </ul>
      <h2 className="text-lg font-semibold">{t("rightsTitle")}</h2>
      <p>{t("rights")}</p>
    </main>
  );
}
