"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { acceptInvitationAction } from "../../actions";

export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const tMe = useTranslations("myProfile");
  const [state, action] = useActionState(acceptInvitationAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError state={state} />
      <input type="hidden" name="token" value={token} />
      <FormField label={t("name")} name="name" autoComplete="name" errors={errors?.name} />
      <FormField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t("passwordHint")}
        errors={errors?.password}
      />
      <FormField
        label={tMe("signUpPhone")}
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        maxLength={30}
        hint={tMe("signUpPhoneHint")}
        errors={errors?.phone}
      />
      <SubmitButton className="w-full">{t("acceptInvite")}</SubmitButton>
    </form>
  );
}
