import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/forms/action-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getEnv } from "@/env";
import { requireSession } from "@/lib/auth/get-session";
import { canManageApiKeys } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { getDealership } from "@/lib/dealerships/get-dealership";
import { buildFormSnippet } from "@/lib/webhooks/build-form-snippet";
import { findWebhookRequests } from "@/lib/webhooks/find-webhook-requests";
import { rotateFormKeyAction } from "../actions";
import { CopyBlock } from "./copy-block";
import { FormSettingsForm } from "./form-settings-form";
import { RequestLog } from "./request-log";

export const metadata = { title: "Integrasjoner" };

export default async function IntegrationsPage() {
  const session = await requireSession();
  const t = await getTranslations("integrations");
  if (!canManageApiKeys(session.role))
    return <p className="text-muted-foreground text-sm">{t("noAccess")}</p>;
  const { dealership, requests } = await withTenant(session.dealershipId, async (tx) => ({
    dealership: await getDealership(tx, session.dealershipId),
    requests: await findWebhookRequests(tx, session.dealershipId),
  }));
  if (!dealership) notFound();
  const endpoint = new URL(`/api/webhooks/form/${dealership.formKey}`, getEnv().APP_URL).toString();
  const curl = `curl -X POST ${endpoint} \\\n  -H 'Content-Type: application/json' \\\n  -d '{"name":"Ola Nordmann","email":"ola@example.no","phone":"912 34 567","vehicle_interest":"VW ID.4","message":"Er bilen ledig?"}'`;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>{t("websiteForm")}</CardTitle>
          <CardDescription>{t("websiteFormHint")}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <CopyBlock label={t("endpoint")} value={endpoint} testId="form-endpoint" />
          <ActionButton
            action={rotateFormKeyAction}
            input={{}}
            variant="outline"
            label={t("rotate")}
            confirmText={t("rotateConfirm")}
            successText={t("rotated")}
          />
          <FormSettingsForm
            allowedOrigins={dealership.formAllowedOrigins.join("\n")}
            thankYouUrl={dealership.formThankYouUrl ?? ""}
          />
          <CopyBlock
            label={t("snippet")}
            value={buildFormSnippet(endpoint)}
            multiline
            testId="form-snippet"
          />
          <CopyBlock label={t("curl")} value={curl} multiline />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("requestLog")}</CardTitle>
          <CardDescription>{t("requestLogHint")}</CardDescription>
        </CardHeader>
        <CardContent>
          <RequestLog rows={requests} />
        </CardContent>
      </Card>
    </div>
  );
}
