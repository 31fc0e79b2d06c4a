import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/forms/action-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { findInvitations } from "@/lib/auth/invitations";
import { revokeInvitationAction } from "../actions";
import { resendInvitationAction } from "./actions";
import { getTimeFormatters } from "@/i18n/get-time-formatters";

type Invitation = Awaited<ReturnType<typeof findInvitations>>[number];

/** Open (and expired) invitations: resend with a new link, or revoke. */
export async function PendingInvitations({ invitations }: { invitations: Invitation[] }) {
  if (invitations.length === 0) return null;
  const t = await getTranslations();
  const time = await getTimeFormatters();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t("settings.pendingInvites")}</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="divide-y" data-testid="pending-invitations">
          {invitations.map((i) => (
            <li
              key={i.id}
              data-email={i.email}
              className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
            >
              <span className="min-w-0 space-x-2">
                <span className="break-all">{i.email}</span>
                <Badge variant="secondary">{t(`roles.${i.role}`)}</Badge>
                <span className="text-muted-foreground">
                  {i.expired ? t("team.expired") : `${t("settings.expires")} ${time.relative(i.expiresAt)}`}
                </span>
              </span>
              <span className="flex gap-1">
                <ActionButton
                  action={resendInvitationAction}
                  input={{ id: i.id }}
                  label={t("team.resend")}
                  successText={t("team.resent", { email: i.email })}
                />
                <ActionButton
                  action={revokeInvitationAction}
                  input={{ id: i.id }}
                  label={t("common.revoke")}
                />
              </span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
