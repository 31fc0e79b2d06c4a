import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { ResetPasswordForm } from "./reset-password-form";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("resetPassword");

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const t = await getTranslations("auth");
  return (
    <>
      <AuthHeading title={t("resetTitle")} />
      <ResetPasswordForm token={(await params).token} />
    </>
  );
}
