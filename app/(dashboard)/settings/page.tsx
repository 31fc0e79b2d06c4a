import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getEnv } from "@/env";
import { requireSession } from "@/lib/auth/get-session";
import { getDealership } from "@/lib/dealerships/get-dealership";
import { getOnboardingChecklist } from "@/lib/onboarding/get-onboarding-checklist";
import { OnboardingChecklist } from "@/components/onboarding/onboarding-checklist";
import { ActionButton } from "@/components/forms/action-button";
import { dismissOnboardingAction, rotateFormKeyAction } from "./actions";

export const metadata = { title: "Innstillinger" };

export default async function DealershipSettingsPage() {
  const session = await requireSession();
  const dealership = await getDealership(session);
  if (!dealership) notFound();
  const t = await getTranslations("settings");
  const webhookUrl = new URL(`/api/webhooks/form/${dealership.formKey}`, getEnv().APP_URL).toString();
  const rows = [
    [t("dealership"), dealership.name],
    [t("timezone"), dealership.timezone],
    [t("aiMode"), dealership.aiMode],
    [t("formKey"), dealership.formKey],
    [t("formWebhook"), webhookUrl],
  ];
  const onboarding = session.role === "admin" ? await getOnboardingChecklist(session) : null;
  return (
    <div className="space-y-6">
      {onboarding ? (
        <OnboardingChecklist checklist={onboarding} dismissAction={dismissOnboardingAction} />
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{dealership.name}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground">{label}</dt>
                <dd
                  className="font-mono break-all"
                  data-testid={label === t("formKey") ? "form-key" : undefined}
                >
                  {value}
                </dd>
              </div>
            ))}
          </dl>
          {session.role === "admin" ? (
            <ActionButton
              action={rotateFormKeyAction}
              input={{}}
              variant="outline"
              label={t("rotateFormKey")}
              confirmText={t("rotateFormKeyConfirm")}
              successText={t("rotateFormKeyDone")}
            />
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
