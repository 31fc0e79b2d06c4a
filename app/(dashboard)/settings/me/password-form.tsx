"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/forms/form-footer";
import { FormField } from "@/components/forms/form-field";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { changePasswordAction } from "./actions";

export function PasswordForm() {
  const t = useTranslations("myProfile");
  const [state, action] = useActionState(changePasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("passwordTitle")}</CardTitle>
      </CardHeader>
      <CardContent>
        <form action={action} className="grid gap-4" noValidate key={state?.ok ? "done" : "form"}>
          <FormField
            label={t("currentPassword")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            errors={errors?.currentPassword}
          />
          <FormField
            label={t("newPassword")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            hint={t("newPasswordHint")}
            errors={errors?.newPassword}
          />
          <FormField
            label={t("confirmPassword")}
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            errors={errors?.confirmPassword}
          />
          <FormFooter
            state={state}
            savedText={state?.ok ? t("passwordChanged", { count: state.data.otherSessionsEnded }) : ""}
            saveLabel={t("changePassword")}
          />
        </form>
      </CardContent>
    </Card>
  );
}
