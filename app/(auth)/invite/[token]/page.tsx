import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-heading";
import { findOpenInvitation } from "@/lib/auth/invitations";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata = { title: "Invitasjon" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("auth");
  const tRoles = await getTranslations("roles");
  const invitation = await findOpenInvitation(token);
  if (!invitation) {
    return (
      <div className="grid gap-4">
        <p role="alert" className="text-sm">
          {t("inviteInvalid")}
        </p>
        <Link className="text-primary text-sm underline" href="/sign-in">
          {t("toSignIn")}
        </Link>
      </div>
    );
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
