import { OrganizationProfile } from "@clerk/nextjs";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { isClerkEnabled } from "@/env";
import { requireSession } from "@/lib/auth/get-session";
import { findInvitations } from "@/lib/auth/invitations";
import { canChangeMembers, canManageTeam } from "@/lib/auth/permissions";
import { findTeamMembers } from "@/lib/users/find-team-members";
import { InviteForm } from "./invite-form";
import { MembersList } from "./members-list";
import { PendingInvitations } from "./pending-invitations";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("team");

export default async function TeamPage() {
  const session = await requireSession();
  if (!canManageTeam(session.role)) notFound();
  // With Clerk, membership lives in the Clerk organization; its webhooks keep our user list in sync.
  const clerk = isClerkEnabled();
  const [members, invitations] = await Promise.all([
    findTeamMembers(session),
    clerk ? Promise.resolve([]) : findInvitations(session),
  ]);
  const t = await getTranslations("team");
  return (
    <div className="space-y-6">
      {clerk ? <p className="text-muted-foreground text-sm">{t("clerkHint")}</p> : null}
      {clerk ? (
        <OrganizationProfile routing="hash" />
      ) : (
        <InviteForm canInviteAdmin={session.role === "admin"} />
      )}
      {!clerk && !canChangeMembers(session.role) ? (
        <p className="text-muted-foreground text-sm">{t("managerHint")}</p>
      ) : null}
      <MembersList
        members={members}
        selfId={session.userId}
        canChange={canChangeMembers(session.role) && !clerk}
      />
      <PendingInvitations invitations={invitations} />
    </div>
  );
}
