import { SignUp } from "@clerk/nextjs";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { isClerkEnabled } from "@/env";
import { SignUpForm } from "./sign-up-form";

export const metadata = { title: "Opprett konto" };

export default async function SignUpPage() {
  if (isClerkEnabled()) return <SignUp />;
  const t = await getTranslations("auth");
  return (
    <>
      <AuthHeading title={t("signUpTitle")} subtitle={t("signUpSubtitle")} />
      <SignUpForm />
    </>
  );
}
