"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { connectFacebookPageAction } from "../actions";

/** Connect a Page by pasting its id and Page access token (when Meta login is not set up, or as a fallback). */
export function ConnectFacebookPageForm() {
  const t = useTranslations("integrations.facebook");
  const [state, action] = useActionState(connectFacebookPageAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="grid gap-4 sm:max-w-xl" noValidate data-testid="facebook-connect-form">
      <FormField label={t("pageId")} name="pageId" hint={t("pageIdHint")} errors={errors?.pageId} />
      <FormField
        label={t("accessToken")}
        name="accessToken"
        type="password"
        autoComplete="off"
        hint={t("accessTokenHint")}
        errors={errors?.accessToken}
      />
      <FormError state={state} />
      {state?.ok ? (
        <p role="status" className="text-sm">
          {t("connected", { name: state.data.name, released: state.data.released })}
        </p>
      ) : null}
      <div>
        <SubmitButton>{t("connect")}</SubmitButton>
      </div>
    </form>
  );
}
