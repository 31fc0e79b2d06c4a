import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { pageMetadata } from "@/i18n/page-metadata";
import { RequestSignInLinkForm } from "./request-sign-in-link-form";

export const generateMetadata = pageMetadata("signInLink");

export default async function SignInLinkPage() {
  const t = await getTranslations("signIn");
  return (
    <>
      <AuthHeading title={t("linkTitle")} subtitle={t("linkSubtitle")} />
      <RequestSignInLinkForm />
    </>
  );
}
