"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useKeptFormAction } from "@/components/forms/use-kept-form-action";
import { logInAction } from "../../actions";

export function SignInForm({ next, allowSignUp }: { next?: string; allowSignUp: boolean }) {
  const t = useTranslations("auth");
  const tl = useTranslations("signIn");
  // The typed e-mail stays after a wrong password (React would reset a form submitted through `action`).
  const { state, onSubmit, pending, action } = useKeptFormAction(logInAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} onSubmit={onSubmit} className="grid gap-4" noValidate data-testid="sign-in-form">
      <FormError state={state} />
      <input type="hidden" name="next" value={next ?? ""} />
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
        autoComplete="current-password"
        required
        errors={errors?.password}
      />
      <SubmitButton className="w-full" pending={pending}>
        {t("signIn")}
      </SubmitButton>
      <Link
        className="text-muted-foreground text-center text-sm underline-offset-4 hover:underline"
        href="/sign-in/link"
      >
        {tl("getLink")}
      </Link>
      <div className="text-muted-foreground flex justify-between text-sm">
        <Link className="underline-offset-4 hover:underline" href="/forgot-password">
          {t("forgotPassword")}
        </Link>
        {allowSignUp ? (
          <Link className="underline-offset-4 hover:underline" href="/sign-up">
            {t("noAccount")} {t("signUp")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
