import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/forms/action-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { MyProfile } from "@/lib/users/get-my-profile";
import { describeUserAgent } from "@/lib/users/describe-user-agent";
import { logOutEverywhereAction, revokeSessionAction } from "./actions";

export async function SessionsCard({
  sessions,
  timeZone,
}: {
  sessions: MyProfile["sessions"];
  timeZone: string;
}) {
  const t = await getTranslations("myProfile");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("sessionsTitle")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p className="text-muted-foreground text-sm">{t("sessionsIntro")}</p>
        <ul className="divide-y rounded-md border" data-testid="sessions-list">
          {sessions.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-center gap-3 p-3 text-sm"
              data-current={s.current || undefined}
            >
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2 font-medium">
                  <span className="break-words">{describeUserAgent(s.userAgent) ?? t("unknownDevice")}</span>
                  {s.current ? <Badge>{t("thisDevice")}</Badge> : null}
                </div>
                <div className="text-muted-foreground text-xs">
                  {s.ip ? `${t("ip")} ${s.ip} · ` : ""}
                  {t("lastSeen")} {when(s.lastSeenAt)} · {t("signedIn")} {when(s.createdAt)}
                </div>
              </div>
              {s.current ? null : (
                <ActionButton
                  action={revokeSessionAction}
                  input={{ id: s.id }}
                  variant="outline"
                  label={t("logOut")}
                  successText={t("logOutDone")}
                />
              )}
            </li>
          ))}
        </ul>
        <div>
          <ActionButton
            action={logOutEverywhereAction}
            input={{}}
            variant="destructive"
            label={t("logOutEverywhere")}
            confirmText={t("logOutEverywhereConfirm")}
          />
        </div>
      </CardContent>
    </Card>
  );
}
