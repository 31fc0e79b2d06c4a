"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { createManualLeadAction } from "./actions";

/** Loaded by AddLeadButton on first use: the dialog and its form are not needed to show the inbox. */
export function AddLeadDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("addLead");
  const [state, action] = useActionState(createManualLeadAction, null);
  const [channel, setChannel] = useState("walk_in");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>
        <form action={action} className="grid gap-3" noValidate>
          <FormError state={state} />
          <fieldset className="flex gap-4 text-sm">
            <legend className="sr-only">{t("channel")}</legend>
            {(["walk_in", "phone"] as const).map((c) => (
              <label key={c} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="channel"
                  value={c}
                  checked={channel === c}
                  onChange={() => setChannel(c)}
                />{" "}
                {t(c === "phone" ? "called" : c)}
              </label>
            ))}
          </fieldset>
          <FormField label={t("name")} name="name" errors={errors?.name} />
          <FormField label={t("email")} name="email" type="email" errors={errors?.email} />
          <FormField label={t("phone")} name="phone" type="tel" errors={errors?.phone} />
          <FormField label={t("vehicle")} name="vehicleInterest" errors={errors?.vehicleInterest} />
          <div className="grid gap-1.5">
            <Label htmlFor="add-lead-message">{t("message")}</Label>
            <Textarea id="add-lead-message" name="message" rows={3} />
          </div>
          <SubmitButton>{t("submit")}</SubmitButton>
        </form>
      </DialogContent>
    </Dialog>
  );
}
