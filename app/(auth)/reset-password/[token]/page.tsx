import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata = { title: "Nytt passord" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const t = await getTranslations("auth");
  return (
    <>
      <AuthHeading title={t("resetTitle")} />
      <ResetPasswordForm token={(await params).token} />
    </>
  );
}
