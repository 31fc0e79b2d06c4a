import { AuthMessage } from "@/components/auth/auth-message";
import { getTranslations } from "next-intl/server";
import { verifyEmail } from "@/lib/auth/password-reset";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("verifyEmail");

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const t = await getTranslations("auth");
  const verified = await verifyEmail((await params).token);
  return (
    <AuthMessage
      alert={!verified}
      message={verified ? t("verifyOk") : t("verifyFailed")}
      href="/leads"
      linkText={t("toDashboard")}
    />
  );
}
