"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { requestSignInLinkAction } from "../../actions";

export function RequestSignInLinkForm() {
  const t = useTranslations("signIn");
  const ta = useTranslations("auth");
  const [state, action] = useActionState(requestSignInLinkAction, null);
  if (state?.ok)
    return (
      <p role="status" className="text-sm">
        {t("linkSent")}
      </p>
    );
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormError state={state} />
      <FormField
        label={ta("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        errors={state?.ok === false ? state.fieldErrors?.email : undefined}
      />
      <SubmitButton className="w-full">{t("sendLink")}</SubmitButton>
      <Link
        className="text-muted-foreground text-center text-sm underline-offset-4 hover:underline"
        href="/sign-in"
      >
        {t("toSignIn")}
      </Link>
    </form>
  );
}
