import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/forms/action-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getEnv } from "@/env";
import { formatInboundAddress } from "@/lib/inbound-email/inbound-address";
import { rotateInboundAddressAction } from "../actions";
import { CopyBlock } from "./copy-block";
import { EmailIntakeSettingsForm } from "./email-intake-settings-form";

type Props = {
  localPart: string;
  previousLocalPart: string | null;
  secret: string;
  blockedSenderDomains: string[];
};

/** Settings → Integrations → E-post: the inbound address, how to forward to it, and the spam settings. */
export async function EmailIntakeCard({ localPart, previousLocalPart, secret, blockedSenderDomains }: Props) {
  const t = await getTranslations("integrations.email");
  const address = formatInboundAddress(localPart);
  const webhook = new URL(`/api/webhooks/email/inbound/${secret}`, getEnv().APP_URL).toString();
  return (
    <Card id="email">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("hint")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <CopyBlock label={t("address")} value={address} testId="inbound-email-address" />
        {previousLocalPart ? (
          <p className="text-muted-foreground text-xs">
            {t("previousAddress", { address: formatInboundAddress(previousLocalPart) })}
          </p>
        ) : null}
        <div className="grid gap-4 text-sm md:grid-cols-2">
          <section aria-labelledby="forward-gmail">
            <h3 id="forward-gmail" className="mb-1 font-medium">
              {t("gmailTitle")}
            </h3>
            <ol className="text-muted-foreground list-decimal space-y-1 pl-5">
              <li>{t("gmail1")}</li>
              <li>{t("gmail2", { address })}</li>
              <li>{t("gmail3")}</li>
              <li>{t("gmail4")}</li>
            </ol>
          </section>
          <section aria-labelledby="forward-outlook">
            <h3 id="forward-outlook" className="mb-1 font-medium">
              {t("outlookTitle")}
            </h3>
            <ol className="text-muted-foreground list-decimal space-y-1 pl-5">
              <li>{t("outlook1")}</li>
              <li>{t("outlook2")}</li>
              <li>{t("outlook3", { address })}</li>
              <li>{t("outlook4")}</li>
            </ol>
          </section>
        </div>
        <p className="text-muted-foreground text-xs">{t("portalsHint")}</p>
        <ActionButton
          action={rotateInboundAddressAction}
          input={{}}
          variant="outline"
          label={t("rotate")}
          confirmText={t("rotateConfirm")}
          successText={t("rotated")}
        />
        <EmailIntakeSettingsForm blockedSenderDomains={blockedSenderDomains.join("\n")} />
        <details className="rounded-md border p-4">
          <summary className="cursor-pointer text-sm font-medium">{t("webhookTitle")}</summary>
          <p className="text-muted-foreground my-3 text-sm">{t("webhookHint")}</p>
          <CopyBlock label={t("webhook")} value={webhook} testId="inbound-email-webhook" />
        </details>
      </CardContent>
    </Card>
  );
}
