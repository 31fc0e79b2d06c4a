import { getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/forms/action-button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { rotateFormKeyAction } from "./actions";

/** The website form's key and webhook URL and the AI mode, with key rotation for admins. */
export async function FormKeyCard({
  formKey,
  webhookUrl,
  aiMode,
  canRotate,
}: {
  formKey: string;
  webhookUrl: string;
  aiMode: string;
  canRotate: boolean;
}) {
  const t = await getTranslations("settings");
  const tp = await getTranslations("dealershipProfile");
  const rows = [
    [t("aiMode"), t.has(`aiModeValue.${aiMode}`) ? t(`aiModeValue.${aiMode}`) : aiMode],
    [t("formKey"), formKey],
    [t("formWebhook"), webhookUrl],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{tp("formHeading")}</CardTitle>
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
        {canRotate ? (
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
  );
}
