"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useKeptFormAction } from "@/components/forms/use-kept-form-action";
import { updateRetentionAction } from "./actions";

/** How long leads are kept after their last activity before the nightly job anonymises them. */
export function RetentionForm({ months }: { months: number }) {
  const t = useTranslations("privacy");
  const { state, onSubmit, pending, action } = useKeptFormAction(updateRetentionAction);
  return (
    <section className="max-w-xl space-y-3" aria-labelledby="retention-title">
      <h2 id="retention-title" className="text-lg font-semibold">
        {t("retentionTitle")}
      </h2>
      <form
        action={action}
        onSubmit={onSubmit}
        className="flex flex-wrap items-end gap-3"
        data-testid="retention-form"
      >
        <FormField
          label={t("retentionMonths")}
          name="retentionMonths"
          type="number"
          min={1}
          max={120}
          defaultValue={months}
          hint={t("retentionHint")}
          errors={state && !state.ok ? state.fieldErrors?.retentionMonths : undefined}
        />
        <SubmitButton pending={pending}>{t("save")}</SubmitButton>
      </form>
      {state?.ok && (
        <p role="status" className="text-sm text-emerald-700">
          {t("saved")}
        </p>
      )}
    </section>
  );
}
