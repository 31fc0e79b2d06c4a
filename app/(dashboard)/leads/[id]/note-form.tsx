"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { addNoteAction } from "./actions";

/** Internal notes: for the team only, never sent to the customer. */
export function NoteForm({ leadId }: { leadId: string }) {
  const t = useTranslations("leadDetail");
  const [state, action] = useActionState(addNoteAction, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={form} action={action} className="space-y-2" noValidate>
      <input type="hidden" name="leadId" value={leadId} />
      <FormError state={state} />
      <Label htmlFor="note-body">{t("addNote")}</Label>
      <Textarea
        id="note-body"
        name="body"
        rows={2}
        aria-describedby="note-hint"
        aria-invalid={errors?.body ? true : undefined}
      />
      <p id="note-hint" className="text-muted-foreground text-xs">
        {t("noteHint")}
      </p>
      <SubmitButton variant="outline" size="sm">
        {t("saveNote")}
      </SubmitButton>
    </form>
  );
}
