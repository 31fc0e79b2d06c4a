import { getTranslations } from "next-intl/server";
import { AuthMessage } from "@/components/auth/auth-message";
import { AuthHeading } from "@/components/auth/auth-heading";
import { findOpenInvitation } from "@/lib/auth/invitations";
import { AcceptInvitationForm } from "./accept-invitation-form";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("invitation");

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("auth");
  const tRoles = await getTranslations("roles");
  const invitation = await findOpenInvitation(token);
  if (!invitation) {
    return <AuthMessage alert message={t("inviteInvalid")} href="/sign-in" linkText={t("toSignIn")} />;
  }
  return (
    <>
      <AuthHeading
        title={t("inviteTitle", { dealership: invitation.dealershipName })}
        subtitle={t("inviteSubtitle", { role: tRoles(invitation.role), email: invitation.email })}
      />
      <AcceptInvitationForm token={token} />
    </>
  );
}
