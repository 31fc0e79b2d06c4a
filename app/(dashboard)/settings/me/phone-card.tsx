"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { confirmPhoneAction, startPhoneVerificationAction } from "./actions";

type Props = { phone: string | null; verified: boolean; pendingPhone: string | null };

/** Number → "Send kode" → the code from the SMS → verified. A new number is unverified until its code is typed. */
export function PhoneCard({ phone, verified, pendingPhone }: Props) {
  const t = useTranslations("myProfile");
  const [sent, send] = useActionState(startPhoneVerificationAction, null);
  const [confirmed, confirm] = useActionState(confirmPhoneAction, null);
  const [typed, setTyped] = useState(pendingPhone ?? phone ?? "");
  const waitingFor = confirmed?.ok ? null : sent?.ok ? sent.data.phone : pendingPhone;
  const sendErrors = sent && !sent.ok ? sent.fieldErrors : undefined;
  const codeErrors = confirmed && !confirmed.ok ? confirmed.fieldErrors : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("phoneTitle")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p className="text-muted-foreground text-sm">{t("phoneIntro")}</p>
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="phone-status">
          {phone ? <span className="font-mono">{phone}</span> : <span>{t("noPhone")}</span>}
          {phone ? (
            <Badge variant={verified ? "default" : "secondary"}>
              {verified ? t("verified") : t("unverified")}
            </Badge>
          ) : null}
        </p>
        <form action={send} className="grid gap-3" noValidate>
          <FormField
            label={t("phone")}
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            maxLength={30}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            hint={t("phoneHint")}
            errors={sendErrors?.phone}
          />
          {sent && !sent.ok && !sendErrors ? <FormError state={sent} /> : null}
          <div>
            <SubmitButton variant={waitingFor ? "outline" : "default"}>
              {waitingFor ? t("resendCode") : t("sendCode")}
            </SubmitButton>
          </div>
        </form>
        {waitingFor ? (
          <form action={confirm} className="grid gap-3" noValidate>
            <p role="status" className="text-sm">
              {t("codeSent", { phone: waitingFor })}
            </p>
            <FormField
              label={t("code")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              errors={codeErrors?.code}
            />
            {confirmed && !confirmed.ok && !codeErrors ? <FormError state={confirmed} /> : null}
            <div>
              <SubmitButton>{t("confirm")}</SubmitButton>
            </div>
          </form>
        ) : null}
        {confirmed?.ok ? (
          <p role="status" className="text-sm font-medium" data-testid="phone-verified">
            {t("phoneVerified")}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
