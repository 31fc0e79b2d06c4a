import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { pageMetadata } from "@/i18n/page-metadata";
import { requestSignInLinkAction } from "../../actions";

export const generateMetadata = pageMetadata("signInLink");

export default async function SignInLinkPage() {
  const t = await getTranslations("signIn");
  const tAuth = await getTranslations("auth");
  return (
    <>
      <AuthHeading title={t("linkTitle")} subtitle={t("linkSubtitle")} />
      <EmailLinkForm
        action={requestSignInLinkAction}
        labels={{
          email: tAuth("email"),
          submit: t("sendLink"),
          sent: t("linkSent"),
          toSignIn: t("toSignIn"),
        }}
      />
    </>
  );
}
