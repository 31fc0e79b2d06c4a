"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { createApiKeyAction } from "../actions";

export function CreateApiKeyForm() {
  const t = useTranslations("settings");
  const [state, action] = useActionState(createApiKeyAction, null);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t("newKey")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <form action={action} className="grid items-end gap-4 sm:grid-cols-[1fr_auto]" noValidate>
          <FormField
            label={t("keyName")}
            name="name"
            errors={state?.ok === false ? state.fieldErrors?.name : undefined}
          />
          <SubmitButton>{t("create")}</SubmitButton>
        </form>
        <FormError state={state} />
        {state?.ok ? (
          <div role="status" className="bg-muted space-y-1 rounded-md p-3 text-sm">
            <p className="font-medium">{t("keyCreated")}</p>
            <code className="block break-all" data-testid="new-api-key">
              {state.data.key}
            </code>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
