"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { logInWithLinkAction } from "../../../actions";

export function UseSignInLinkForm({ token }: { token: string }) {
  const t = useTranslations("signIn");
  const [state, action] = useActionState(logInWithLinkAction, null);
  return (
    <form action={action} className="grid gap-4">
      <FormError state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton className="w-full">{t("useLink")}</SubmitButton>
      <Link
        className="text-muted-foreground text-center text-sm underline-offset-4 hover:underline"
        href="/sign-in/link"
      >
        {t("getLink")}
      </Link>
    </form>
  );
}
