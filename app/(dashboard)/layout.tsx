import { getTranslations } from "next-intl/server";
import { MainNav } from "@/components/dashboard/main-nav";
import { UserMenu } from "@/components/dashboard/user-menu";
import { NotificationCenter } from "@/components/notifications/notification-center";
import { isClerkEnabled } from "@/env";
import { requireSession } from "@/lib/auth/get-session";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  const t = await getTranslations("nav");
  const tRoles = await getTranslations("roles");
  const tMe = await getTranslations("myProfile");
  const tPrivacy = await getTranslations("privacy");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-background sticky top-0 z-30 border-b">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-4">
          <span className="text-primary font-semibold tracking-tight">Norvalt</span>
          <span className="text-muted-foreground hidden text-sm sm:inline" data-testid="dealership-name">
            {session.dealershipName}
          </span>
          <MainNav
            role={session.role}
            labels={{
              leads: t("leads"),
              emails: t("emails"),
              vehicles: t("vehicles"),
              analytics: t("analytics"),
              settings: t("settings"),
            }}
          />
          <div className="ml-auto">
            <UserMenu
              name={session.name}
              email={session.email}
              roleLabel={tRoles(session.role)}
              signOutLabel={t("signOut")}
              profileLabel={tMe("menuLink")}
              clerk={isClerkEnabled()}
            />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">{children}</main>
      <footer className="text-muted-foreground mx-auto w-full max-w-7xl px-4 pb-6 text-xs">
        <a href="/personvern" className="hover:underline">
          {tPrivacy("policyLink")}
        </a>
      </footer>
      <NotificationCenter />
    </div>
  );
}
