"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/forms/form-footer";
import { FormField } from "@/components/forms/form-field";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { updateFormSettingsAction } from "../actions";

export function FormSettingsForm({
  allowedOrigins,
  thankYouUrl,
}: {
  allowedOrigins: string;
  thankYouUrl: string;
}) {
  const t = useTranslations("integrations");
  const [state, action] = useActionState(updateFormSettingsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <div className="grid gap-1.5">
        <Label htmlFor="allowed-origins">{t("allowedOrigins")}</Label>
        <Textarea
          id="allowed-origins"
          name="allowedOrigins"
          defaultValue={allowedOrigins}
          rows={3}
          placeholder="https://bilhuset.no"
        />
        <p className={errors?.allowedOrigins ? "text-destructive text-sm" : "text-muted-foreground text-xs"}>
          {errors?.allowedOrigins?.[0] ?? t("allowedOriginsHint")}
        </p>
      </div>
      <FormField
        label={t("thankYouUrl")}
        name="thankYouUrl"
        defaultValue={thankYouUrl}
        hint={t("thankYouUrlHint")}
        errors={errors?.thankYouUrl}
      />
      <FormFooter state={state} savedText={t("saved")} saveLabel={t("save")} />
    </form>
  );
}
