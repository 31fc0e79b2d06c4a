import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getEnv } from "@/env";
import { requireSession } from "@/lib/auth/get-session";
import { canEditDealershipProfile } from "@/lib/auth/permissions";
import { getDealershipProfile } from "@/lib/dealerships/get-dealership-profile";
import { DealershipProfileForm } from "./dealership-profile-form";
import { DealershipProfileSummary } from "./dealership-profile-summary";
import { FormKeyCard } from "./form-key-card";
import { LogoCard } from "./logo-card";
import { getOnboardingChecklist } from "@/lib/onboarding/get-onboarding-checklist";
import { OnboardingChecklist } from "@/components/onboarding/onboarding-checklist";
import { dismissOnboardingAction } from "./actions";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("settings");

export default async function DealershipSettingsPage() {
  const session = await requireSession();
  const profile = await getDealershipProfile(session);
  if (!profile) notFound();
  const t = await getTranslations("dealershipProfile");
  const canEdit = canEditDealershipProfile(session.role);
  const onboarding = session.role === "admin" ? await getOnboardingChecklist(session) : null;
  return (
    <div className="grid gap-6">
      {onboarding ? (
        <OnboardingChecklist checklist={onboarding} dismissAction={dismissOnboardingAction} />
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{t("title")}</CardTitle>
          <p className="text-muted-foreground text-sm">{t("intro")}</p>
        </CardHeader>
        <CardContent>
          {canEdit ? (
            <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
              <DealershipProfileForm values={profile.values} timeZones={profile.timeZones} />
              <LogoCard logoUrl={profile.logoUrl} dealershipName={profile.values.name} />
            </div>
          ) : (
            <DealershipProfileSummary values={profile.values} logoUrl={profile.logoUrl} />
          )}
        </CardContent>
      </Card>
      <FormKeyCard
        formKey={profile.formKey}
        webhookUrl={new URL(`/api/webhooks/form/${profile.formKey}`, getEnv().APP_URL).toString()}
        aiMode={profile.aiMode}
        canRotate={session.role === "admin"}
      />
    </div>
  );
}
