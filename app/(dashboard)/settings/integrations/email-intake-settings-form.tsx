"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/forms/form-footer";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { updateEmailIntakeSettingsAction } from "../actions";

export function EmailIntakeSettingsForm({ blockedSenderDomains }: { blockedSenderDomains: string }) {
  const t = useTranslations("integrations.email");
  const [state, action] = useActionState(updateEmailIntakeSettingsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <div className="grid gap-1.5">
        <Label htmlFor="blocked-sender-domains">{t("blockedDomains")}</Label>
        <Textarea
          id="blocked-sender-domains"
          name="blockedSenderDomains"
          defaultValue={blockedSenderDomains}
          rows={3}
          placeholder="spam-eksempel.com"
          aria-describedby="blocked-sender-domains-hint"
        />
        <p
          id="blocked-sender-domains-hint"
          className={
            errors?.blockedSenderDomains ? "text-destructive text-sm" : "text-muted-foreground text-xs"
          }
        >
          {errors?.blockedSenderDomains?.[0] ?? t("blockedDomainsHint")}
        </p>
      </div>
      <FormFooter state={state} savedText={t("saved")} saveLabel={t("save")} />
    </form>
  );
}
