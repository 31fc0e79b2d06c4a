import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { pageMetadata } from "@/i18n/page-metadata";
import { UseSignInLinkForm } from "./use-sign-in-link-form";

export const generateMetadata = pageMetadata("signInLink");

// A button, not an automatic sign-in: mail scanners that open links must not use the single-use token up.
export default async function UseSignInLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const t = await getTranslations("signIn");
  return (
    <>
      <AuthHeading title={t("useLinkTitle")} subtitle={t("useLinkSubtitle")} />
      <UseSignInLinkForm token={(await params).token} />
    </>
  );
}
