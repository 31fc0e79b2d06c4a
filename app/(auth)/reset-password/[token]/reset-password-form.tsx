"use client";

import { AuthMessage } from "@/components/auth/auth-message";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { resetPasswordAction } from "../../actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(resetPasswordAction, null);
  if (state?.ok) {
    return <AuthMessage message={t("resetDone")} href="/sign-in" linkText={t("toSignIn")} />;
  }
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError state={state} />
      <input type="hidden" name="token" value={token} />
      <FormField
        label={t("newPassword")}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t("passwordHint")}
        errors={state?.ok === false ? state.fieldErrors?.password : undefined}
      />
      <SubmitButton className="w-full">{t("resetTitle")}</SubmitButton>
    </form>
  );
}
