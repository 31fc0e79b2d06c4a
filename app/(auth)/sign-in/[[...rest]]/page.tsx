import { SignIn } from "@clerk/nextjs";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { getEnv, isClerkEnabled } from "@/env";
import { SignInForm } from "./sign-in-form";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("signIn");

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; expired?: string }>;
}) {
  if (isClerkEnabled()) return <SignIn />;
  const t = await getTranslations("auth");
  const query = await searchParams;
  return (
    <>
      <AuthHeading title={t("signInTitle")} subtitle={t("signInSubtitle")} />
      {query.expired ? (
        <p role="status" className="bg-muted mb-4 rounded-md px-3 py-2 text-sm">
          {t("sessionExpired")}
        </p>
      ) : null}
      <SignInForm next={query.next} allowSignUp={getEnv().ALLOW_SIGNUP} />
    </>
  );
}
