"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { ActionButton } from "@/components/forms/action-button";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useKeptFormAction } from "@/components/forms/use-kept-form-action";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { TEMPLATE_VARIABLES } from "@/lib/templates/fill-template";
import { MAX_TEMPLATE_BODY_CHARS, MAX_TEMPLATE_NAME_CHARS } from "@/lib/templates/schemas";
import { deleteReplyTemplateAction, saveReplyTemplateAction } from "./actions";

/** One template: a new one (empty, cleared after saving) or an existing one with save and delete. */
export function TemplateForm({ template }: { template?: { id: string; name: string; body: string } }) {
  const t = useTranslations("templates");
  const id = useId();
  const [name, setName] = useState(template?.name ?? "");
  const [body, setBody] = useState(template?.body ?? "");
  // A new template's form is emptied for the next one; an edited one keeps what was saved.
  const { state, onSubmit, pending, action } = useKeptFormAction(saveReplyTemplateAction, {
    onSuccess: () => {
      if (template) return;
      setName("");
      setBody("");
    },
  });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  useEffect(() => {
    if (!state?.ok) return;
    toast({ title: t("saved"), variant: "success" });
  }, [state, t]);
  return (
    <form action={action} onSubmit={onSubmit} className="grid gap-3" noValidate data-testid="template-form">
      <FormError state={state} />
      <input type="hidden" name="id" value={template?.id ?? ""} />
      <FormField
        id={`${id}-name`}
        label={t("name")}
        name="name"
        value={name}
        maxLength={MAX_TEMPLATE_NAME_CHARS}
        onChange={(e) => setName(e.target.value)}
        errors={errors?.name}
      />
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-body`}>{t("body")}</Label>
        <Textarea
          id={`${id}-body`}
          name="body"
          rows={4}
          value={body}
          maxLength={MAX_TEMPLATE_BODY_CHARS}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors?.body ? true : undefined}
          aria-describedby={errors?.body ? `${id}-body-error` : `${id}-body-hint`}
        />
        {errors?.body ? (
          <p id={`${id}-body-error`} className="text-destructive text-sm">
            {errors.body[0]}
          </p>
        ) : (
          <p id={`${id}-body-hint`} className="text-muted-foreground text-xs">
            {t("variablesHint", { variables: TEMPLATE_VARIABLES.map((v) => v.token).join(", ") })}
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending}>{template ? t("save") : t("create")}</SubmitButton>
        {template ? (
          <ActionButton
            action={deleteReplyTemplateAction}
            input={{ id: template.id }}
            label={t("delete")}
            confirmText={t("confirmDelete", { name: template.name })}
            successText={t("deleted")}
            variant="outline"
            size="default"
          />
        ) : null}
      </div>
    </form>
  );
}
