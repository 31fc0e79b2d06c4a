import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { ForgotPasswordForm } from "./forgot-password-form";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("forgotPassword");

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <>
      <AuthHeading title={t("forgotTitle")} subtitle={t("forgotSubtitle")} />
      <ForgotPasswordForm />
    </>
  );
}
