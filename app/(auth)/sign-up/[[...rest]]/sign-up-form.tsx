"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { signUpAction } from "../../actions";

export function SignUpForm() {
  const t = useTranslations("auth");
  const tMe = useTranslations("myProfile");
  const [state, action] = useActionState(signUpAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError state={state} />
      <FormField
        label={t("dealershipName")}
        name="dealershipName"
        autoComplete="organization"
        required
        errors={errors?.dealershipName}
      />
      <FormField label={t("name")} name="name" autoComplete="name" required errors={errors?.name} />
      <FormField
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        errors={errors?.email}
      />
      <FormField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
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
      <SubmitButton className="w-full">{t("signUp")}</SubmitButton>
      <p className="text-muted-foreground text-center text-sm">
        {t("haveAccount")}{" "}
        <Link className="underline underline-offset-4" href="/sign-in">
          {t("signIn")}
        </Link>
      </p>
    </form>
  );
}
