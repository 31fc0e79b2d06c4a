"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/forms/form-footer";
import { FormField } from "@/components/forms/form-field";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { updateMyNameAction } from "./actions";

export function NameForm({ name, email }: { name: string; email: string }) {
  const t = useTranslations("myProfile");
  const [state, action] = useActionState(updateMyNameAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("nameTitle")}</CardTitle>
      </CardHeader>
      <CardContent>
        <form action={action} className="grid gap-4" noValidate>
          <FormField
            label={t("name")}
            name="name"
            defaultValue={name}
            maxLength={100}
            autoComplete="name"
            errors={errors?.name}
          />
          <p className="text-muted-foreground text-sm">
            {t("email")}: {email}
          </p>
          <FormFooter state={state} savedText={t("saved")} saveLabel={t("save")} />
        </form>
      </CardContent>
    </Card>
  );
}
