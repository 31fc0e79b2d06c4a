import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BrowserNotificationsCard } from "@/components/notifications/browser-notifications-card";
import { getSessionToken, requireSession } from "@/lib/auth/get-session";
import { getMyProfile } from "@/lib/users/get-my-profile";
import { LEAD_WAITING_MINUTES } from "@/lib/messaging/notify-waiting-leads";
import { eventChoices } from "@/lib/users/resolve-notification-channels";
import { NameForm } from "./name-form";
import { NotificationsForm } from "./notifications-form";
import { PasswordForm } from "./password-form";
import { PhoneCard } from "./phone-card";
import { SessionsCard } from "./sessions-card";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("me");

/** My profile: every role; Clerk mode shows only what lives with us (phone, notifications, quiet hours). */
export default async function MyProfilePage() {
  const session = await requireSession();
  const profile = await getMyProfile(session, await getSessionToken());
  if (!profile) notFound();
  const t = await getTranslations("myProfile");
  const builtin = session.via === "builtin";
  const prefs = profile.notificationPreferences;
  return (
    <div className="grid max-w-3xl gap-6" data-testid="my-profile">
      <h2 className="text-xl font-semibold">{t("title")}</h2>
      {builtin ? (
        <NameForm name={profile.name} email={profile.email} />
      ) : (
        <p className="text-muted-foreground text-sm">{t("clerkNote")}</p>
      )}
      <PhoneCard
        phone={profile.phone}
        verified={Boolean(profile.phoneVerifiedAt)}
        pendingPhone={profile.pendingPhone?.phone ?? null}
      />
      <NotificationsForm
        master={{ sms: prefs.sms, email: prefs.email }}
        events={eventChoices(prefs)}
        quietHours={prefs.quietHours ?? null}
        timeZone={session.timeZone ?? "Europe/Oslo"}
        waitingMinutes={LEAD_WAITING_MINUTES}
      />
      <BrowserNotificationsCard />
      {builtin && profile.hasPassword ? <PasswordForm /> : null}
      {builtin ? (
        <SessionsCard sessions={profile.sessions} timeZone={session.timeZone ?? "Europe/Oslo"} />
      ) : null}
    </div>
  );
}
