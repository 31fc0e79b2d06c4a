import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { pageMetadata } from "@/i18n/page-metadata";
import { requestPasswordResetAction } from "../actions";

export const generateMetadata = pageMetadata("forgotPassword");

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <>
      <AuthHeading title={t("forgotTitle")} subtitle={t("forgotSubtitle")} />
      <EmailLinkForm
        action={requestPasswordResetAction}
        labels={{ email: t("email"), submit: t("sendLink"), sent: t("forgotSent"), toSignIn: t("toSignIn") }}
      />
    </>
  );
}
