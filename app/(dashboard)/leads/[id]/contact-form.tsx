"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useKeptFormAction } from "@/components/forms/use-kept-form-action";
import { toast } from "@/components/ui/toast";
import { updateLeadContactAction } from "./actions";

type Contact = { name: string; email: string; phone: string };

/** "Endre kontaktinfo" on the contact card: name, e-mail and phone, checked and normalised when saved. */
export function ContactForm({ leadId, contact }: { leadId: string; contact: Contact }) {
  const t = useTranslations("contact");
  const { state, onSubmit, pending, action } = useKeptFormAction(updateLeadContactAction);
  const [values, setValues] = useState(contact);
  const details = useRef<HTMLDetailsElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  useEffect(() => {
    if (!state?.ok) return;
    toast({ title: state.data.changed.length ? t("saved") : t("unchanged"), variant: "success" });
    if (details.current) details.current.open = false;
  }, [state, t]);
  const field = (name: keyof Contact) => ({
    name,
    value: values[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [name]: e.target.value }),
    errors: errors?.[name],
    id: `contact-${name}`,
  });
  return (
    <details ref={details} className="group" data-testid="contact-edit">
      <summary className="cursor-pointer text-sm font-medium underline-offset-4 hover:underline">
        {t("edit")}
      </summary>
      <form
        action={action}
        onSubmit={onSubmit}
        className="mt-3 grid gap-3"
        noValidate
        data-testid="contact-form"
      >
        <FormError state={state} />
        <input type="hidden" name="leadId" value={leadId} />
        <FormField label={t("name")} autoComplete="off" {...field("name")} />
        <FormField label={t("email")} type="email" autoComplete="off" {...field("email")} />
        <FormField
          label={t("phone")}
          type="tel"
          autoComplete="off"
          hint={t("phoneHint")}
          {...field("phone")}
        />
        <SubmitButton pending={pending} variant="outline">
          {t("save")}
        </SubmitButton>
      </form>
    </details>
  );
}
