import { OrganizationProfile } from "@clerk/nextjs";
import { getFormatter, getTranslations } from "next-intl/server";
import { isClerkEnabled } from "@/env";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireSession } from "@/lib/auth/get-session";
import { findInvitations } from "@/lib/auth/invitations";
import { canManageTeam } from "@/lib/auth/permissions";
import { findTeamMembers } from "@/lib/users/find-team-members";
import { InviteForm } from "./invite-form";
import { ActionButton } from "@/components/forms/action-button";
import { revokeInvitationAction } from "../actions";

export const metadata = { title: "Team" };

export default async function TeamPage() {
  const session = await requireSession();
  // With Clerk, membership lives in the Clerk organization; its webhooks keep our user list in sync.
  const clerk = isClerkEnabled();
  const manage = canManageTeam(session.role) && !clerk;
  const [members, invitations] = await Promise.all([
    findTeamMembers(session),
    manage ? findInvitations(session) : Promise.resolve([]),
  ]);
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <div className="space-y-6">
      {manage ? <InviteForm canInviteAdmin={session.role === "admin"} /> : null}
      {clerk && canManageTeam(session.role) ? <OrganizationProfile routing="hash" /> : null}
      <Card>
        <CardHeader>
          <CardTitle className="text-base">{t("settings.members")}</CardTitle>
        </CardHeader>
        <CardContent>
          <Table data-testid="team-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("settings.name")}</TableHead>
                <TableHead>{t("auth.email")}</TableHead>
                <TableHead>{t("settings.inviteRole")}</TableHead>
                <TableHead>{t("settings.lastLogin")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((m) => (
                <TableRow key={m.id}>
                  <TableCell className="font-medium">
                    {m.name} {m.isActive ? null : <Badge variant="outline">{t("settings.inactive")}</Badge>}
                  </TableCell>
                  <TableCell>{m.email}</TableCell>
                  <TableCell>{t(`roles.${m.role}`)}</TableCell>
                  <TableCell className="text-muted-foreground">
                    {m.lastLoginAt ? format.relativeTime(m.lastLoginAt) : t("settings.never")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      {manage && invitations.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-base">{t("settings.pendingInvites")}</CardTitle>
          </CardHeader>
          <CardContent>
            <Table>
              <TableBody>
                {invitations.map((i) => (
                  <TableRow key={i.id}>
                    <TableCell>{i.email}</TableCell>
                    <TableCell>{t(`roles.${i.role}`)}</TableCell>
                    <TableCell className="text-muted-foreground">
                      {t("settings.expires")} {format.relativeTime(i.expiresAt)}
                    </TableCell>
                    <TableCell className="text-right">
                      <ActionButton
                        action={revokeInvitationAction}
                        input={{ id: i.id }}
                        label={t("common.revoke")}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
