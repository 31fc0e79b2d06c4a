"use client";

import { useActionState, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/forms/form-footer";
import { FormField } from "@/components/forms/form-field";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { updateDealershipProfileAction } from "./actions";

export type ProfileValues = {
  name: string;
  legalName: string;
  orgNumber: string;
  address: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  website: string;
  timezone: string;
  serviceEmail: string;
  servicePhone: string;
  primaryColor: string;
  emailSignature: string;
};

const SELECT_CLASS =
  "border-input focus-visible:border-ring focus-visible:ring-ring/50 aria-invalid:border-destructive h-9 w-full rounded-md border bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:ring-[3px]";

/** Settings → Forhandler for admins. Submitted without the form reset, so a field error keeps what was typed. */
export function DealershipProfileForm({ values, timeZones }: { values: ProfileValues; timeZones: string[] }) {
  const t = useTranslations("dealershipProfile");
  const [state, action] = useActionState(updateDealershipProfileAction, null);
  const [pending, start] = useTransition();
  const [color, setColor] = useState(values.primaryColor);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const field = (name: keyof ProfileValues, extra: Partial<React.ComponentProps<typeof FormField>> = {}) => (
    <FormField label={t(name)} name={name} defaultValue={values[name]} errors={errors?.[name]} {...extra} />
  );
  return (
    <form
      noValidate
      className="grid gap-8"
      data-testid="dealership-profile-form"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        start(() => action(data));
      }}
    >
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t("companyHeading")}</legend>
        {field("name", { hint: t("nameHint"), maxLength: 100, autoComplete: "organization" })}
        {field("legalName", { maxLength: 150 })}
        {field("orgNumber", { hint: t("orgNumberHint"), inputMode: "numeric", maxLength: 20 })}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t("contactHeading")}</legend>
        <div className="sm:col-span-2">
          {field("address", { maxLength: 200, autoComplete: "street-address" })}
        </div>
        {field("postalCode", { inputMode: "numeric", maxLength: 4, autoComplete: "postal-code" })}
        {field("city", { maxLength: 100, autoComplete: "address-level2" })}
        {field("phone", { type: "tel", autoComplete: "tel" })}
        {field("email", { type: "email", autoComplete: "email" })}
        {field("website", { type: "url", placeholder: "https://", autoComplete: "url" })}
        <div className="grid gap-1.5">
          <Label htmlFor="field-timezone">{t("timezone")}</Label>
          <select
            id="field-timezone"
            name="timezone"
            defaultValue={values.timezone}
            className={SELECT_CLASS}
            aria-invalid={errors?.timezone ? true : undefined}
            aria-describedby={errors?.timezone ? "field-timezone-error" : undefined}
          >
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          {errors?.timezone ? (
            <p id="field-timezone-error" className="text-destructive text-sm">
              {errors.timezone[0]}
            </p>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-1 text-sm font-semibold">{t("serviceHeading")}</legend>
        <p className="text-muted-foreground -mt-2 text-xs sm:col-span-2">{t("serviceHint")}</p>
        {field("serviceEmail", { type: "email" })}
        {field("servicePhone", { type: "tel" })}
      </fieldset>

      <fieldset className="grid gap-4">
        <legend className="mb-2 text-sm font-semibold">{t("brandHeading")}</legend>
        <div className="flex items-end gap-3">
          <div className="grow sm:max-w-xs">
            {field("primaryColor", {
              hint: t("primaryColorHint"),
              value: color,
              defaultValue: undefined,
              onChange: (e) => setColor(e.target.value),
              placeholder: "#1d4ed8",
              maxLength: 7,
            })}
          </div>
          <input
            type="color"
            aria-label={t("primaryColorPicker")}
            value={/^#[0-9a-f]{6}$/i.test(color) ? color : "#334155"}
            onChange={(e) => setColor(e.target.value)}
            className="border-input mb-6 h-9 w-12 cursor-pointer rounded-md border bg-transparent p-1"
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="field-emailSignature">{t("emailSignature")}</Label>
          <Textarea
            id="field-emailSignature"
            name="emailSignature"
            defaultValue={values.emailSignature}
            rows={5}
            maxLength={1000}
            aria-invalid={errors?.emailSignature ? true : undefined}
            aria-describedby="field-emailSignature-note"
          />
          <p
            id="field-emailSignature-note"
            className={errors?.emailSignature ? "text-destructive text-sm" : "text-muted-foreground text-xs"}
          >
            {errors?.emailSignature?.[0] ?? t("emailSignatureHint")}
          </p>
        </div>
      </fieldset>

      <FormFooter
        state={state}
        savedText={state?.ok && state.data.changed.length === 0 ? t("noChanges") : t("saved")}
        saveLabel={t("save")}
        pending={pending}
      />
    </form>
  );
}
