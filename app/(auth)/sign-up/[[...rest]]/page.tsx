import { SignUp } from "@clerk/nextjs";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { AuthMessage } from "@/components/auth/auth-message";
import { getEnv, isClerkEnabled } from "@/env";
import { SignUpForm } from "./sign-up-form";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("signUp");

export default async function SignUpPage() {
  const t = await getTranslations("auth");
  // ALLOW_SIGNUP=false: the operator has closed public sign-up (signUp refuses too); invitations still work.
  if (!getEnv().ALLOW_SIGNUP) {
    const tOnboarding = await getTranslations("onboarding");
    return (
      <>
        <AuthHeading title={t("signUpTitle")} subtitle={tOnboarding("signUpClosedSubtitle")} />
        <AuthMessage alert message={tOnboarding("signUpClosed")} href="/sign-in" linkText={t("signIn")} />
      </>
    );
  }
  if (isClerkEnabled()) return <SignUp />;
  return (
    <>
      <AuthHeading title={t("signUpTitle")} subtitle={t("signUpSubtitle")} />
      <SignUpForm />
    </>
  );
}
