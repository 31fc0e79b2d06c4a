import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { findTeamMembers } from "@/lib/users/find-team-members";
import { MemberControls } from "./member-controls";
import { getTimeFormatters } from "@/i18n/get-time-formatters";

type Member = Awaited<ReturnType<typeof findTeamMembers>>[number];

/** Everyone in the dealership as a list that wraps on a phone; admins get the role and deactivate controls. */
export async function MembersList({
  members,
  selfId,
  canChange,
}: {
  members: Member[];
  selfId: string;
  canChange: boolean;
}) {
  const t = await getTranslations("team");
  const tRoles = await getTranslations("roles");
  const time = await getTimeFormatters();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t("members")}</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="divide-y" data-testid="team-table">
          {members.map((m) => (
            <li
              key={m.id}
              data-testid="member-row"
              data-email={m.email}
              data-user-id={m.id}
              className="flex flex-wrap items-start justify-between gap-3 py-3"
            >
              <div className="min-w-0 space-y-1 text-sm">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <span className="break-all">{m.name}</span>
                  {m.id === selfId ? <span className="text-muted-foreground">({t("you")})</span> : null}
                  <Badge variant="secondary" data-testid="member-role">
                    {tRoles(m.role)}
                  </Badge>
                  {m.isActive ? null : <Badge variant="outline">{t("inactive")}</Badge>}
                </p>
                <p className="text-muted-foreground break-all">{m.email}</p>
                <p className="text-muted-foreground">
                  {t("phone")}:{" "}
                  {m.phone && m.phoneVerifiedAt ? `${m.phone} · ${t("phoneVerified")}` : t("phoneMissing")}
                  {" · "}
                  {t("lastLogin")}: {m.lastLoginAt ? time.relative(m.lastLoginAt) : t("never")}
                </p>
              </div>
              {canChange ? (
                <MemberControls
                  member={{ id: m.id, name: m.name, role: m.role, isActive: m.isActive }}
                  isSelf={m.id === selfId}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
