import { SignIn } from "@clerk/nextjs";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { isClerkEnabled } from "@/env";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Logg inn" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (isClerkEnabled()) return <SignIn />;
  const t = await getTranslations("auth");
  return (
    <>
      <AuthHeading title={t("signInTitle")} subtitle={t("signInSubtitle")} />
      <SignInForm next={(await searchParams).next} />
    </>
  );
}
