import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/forms/action-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getEnv } from "@/env";
import { requireSession } from "@/lib/auth/get-session";
import { canManageApiKeys } from "@/lib/auth/permissions";
import { getDealership } from "@/lib/dealerships/get-dealership";
import { findActivePreviousLocalPart } from "@/lib/inbound-email/find-inbound-target";
import { isFacebookLoginEnabled } from "@/lib/facebook-leads/facebook-login";
import { listFacebookDeliveries, listFacebookPages } from "@/lib/facebook-leads/manage-facebook-pages";
import { buildFormSnippet } from "@/lib/dealerships/build-form-snippet";
import { findWebhookRequests } from "@/lib/webhook-log/find-webhook-requests";
import { rotateFormKeyAction } from "../actions";
import { ConnectFacebookPageForm } from "./connect-facebook-page-form";
import { CopyBlock } from "./copy-block";
import { EmailIntakeCard } from "./email-intake-card";
import { FacebookDeliveries } from "./facebook-deliveries";
import { FacebookPages } from "./facebook-pages";
import { FormSettingsForm } from "./form-settings-form";
import { RequestLog } from "./request-log";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("integrations");

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IntegrationsPage({ searchParams }: Props) {
  const session = await requireSession();
  const t = await getTranslations("integrations");
  const tf = await getTranslations("integrations.facebook");
  const format = await getFormatter();
  const query = await searchParams;
  const param = (key: string) => (typeof query[key] === "string" ? query[key] : undefined);
  if (!canManageApiKeys(session.role)) notFound();
  const dealership = await getDealership(session);
  const requests = await findWebhookRequests(session);
  const pages = await listFacebookPages(session);
  const deliveries = await listFacebookDeliveries(session);
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
      <EmailIntakeCard
        localPart={dealership.inboundEmailLocalPart}
        previousLocalPart={findActivePreviousLocalPart(dealership)}
        secret={dealership.inboundEmailSecret}
        blockedSenderDomains={dealership.emailIntegrationSettings.blockedSenderDomains ?? []}
      />
      <Card id="facebook">
        <CardHeader>
          <CardTitle>{tf("title")}</CardTitle>
          <CardDescription>{tf("hint")}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          {param("facebook") === "connected" ? (
            <p role="status" className="rounded-md border p-3 text-sm" data-testid="facebook-login-result">
              {tf("loginConnected", { pages: param("pages") || "–" })}
              {param("failed") ? <span className="text-destructive block">{param("failed")}</span> : null}
            </p>
          ) : param("facebook") === "error" ? (
            <p
              role="alert"
              className="text-destructive rounded-md border p-3 text-sm"
              data-testid="facebook-login-result"
            >
              {param("message")}
            </p>
          ) : null}
          <FacebookPages
            pages={pages.map((page) => ({
              id: page.id,
              pageId: page.pageId,
              name: page.name,
              needsReconnect: page.status === "needs_reconnect",
              lastLead: page.lastLeadAt
                ? format.dateTime(page.lastLeadAt, { dateStyle: "short", timeStyle: "short" })
                : null,
              lastError: page.status === "needs_reconnect" ? page.lastError : null,
            }))}
          />
          {isFacebookLoginEnabled() ? (
            <a
              href="/api/integrations/facebook/connect"
              className="bg-primary text-primary-foreground inline-flex h-9 items-center rounded-md px-4 text-sm font-medium"
            >
              {tf("loginButton")}
            </a>
          ) : null}
          <details className="rounded-md border p-4" open={!isFacebookLoginEnabled() && pages.length === 0}>
            <summary className="cursor-pointer text-sm font-medium">{tf("pasteTitle")}</summary>
            <p className="text-muted-foreground my-3 text-sm">{tf("pasteHint")}</p>
            <ConnectFacebookPageForm />
          </details>
          <CopyBlock
            label={tf("callbackUrl")}
            value={new URL("/api/webhooks/facebook", getEnv().APP_URL).toString()}
            testId="facebook-callback-url"
          />
          <p className="text-muted-foreground text-xs">
            {getEnv().FACEBOOK_APP_SECRET && getEnv().FACEBOOK_VERIFY_TOKEN
              ? tf("appConfigured")
              : tf("appMissing")}
          </p>
          <FacebookDeliveries rows={deliveries} />
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
