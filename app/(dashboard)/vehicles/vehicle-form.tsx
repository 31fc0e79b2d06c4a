"use client";

import { useActionState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { NativeSelect } from "@/components/vehicles/native-select";
import {
  VEHICLE_BODY_TYPES,
  VEHICLE_DRIVETRAINS,
  VEHICLE_FUELS,
  VEHICLE_STATUSES,
  VEHICLE_TRANSMISSIONS,
} from "@/db/schema/enums";
import { saveVehicleAction } from "./actions";

/** The form's values as strings (lists one item per line). */
export type VehicleFormValues = Record<
  | "stock_number"
  | "make"
  | "model"
  | "variant"
  | "year"
  | "first_registration"
  | "registration_number"
  | "vin"
  | "mileage_km"
  | "price_nok"
  | "fuel_type"
  | "transmission"
  | "drivetrain"
  | "body_type"
  | "seats"
  | "range_km"
  | "towbar"
  | "equipment"
  | "color"
  | "status"
  | "listing_url"
  | "finn_code"
  | "image_urls"
  | "description",
  string
>;

const STATUS_KEY = { available: "statusAvailable", reserved: "statusReserved", sold: "statusSold" } as const;

export function VehicleForm({ id, values }: { id?: string; values: VehicleFormValues }) {
  const t = useTranslations("vehicles");
  const [state, action] = useActionState(saveVehicleAction, null);
  const [pending, start] = useTransition();
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const field = (
    name: keyof VehicleFormValues,
    label: string,
    extra: Partial<React.ComponentProps<typeof FormField>> = {},
  ) => <FormField label={label} name={name} defaultValue={values[name]} errors={errors?.[name]} {...extra} />;
  const select = (
    name: keyof VehicleFormValues,
    label: string,
    options: readonly string[],
    labelOf: (v: string) => string,
  ) => (
    <NativeSelect name={name} label={label} defaultValue={values[name]} errors={errors?.[name]}>
      {name === "status" ? null : <option value="">{t("form.notSet")}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {labelOf(o)}
        </option>
      ))}
    </NativeSelect>
  );
  const textarea = (name: keyof VehicleFormValues, label: string, hint?: string) => (
    <div className="grid gap-1.5 sm:col-span-2">
      <Label htmlFor={`field-${name}`}>{label}</Label>
      <Textarea
        id={`field-${name}`}
        name={name}
        defaultValue={values[name]}
        rows={name === "description" ? 5 : 3}
        aria-invalid={errors?.[name]?.length ? true : undefined}
        aria-describedby={errors?.[name]?.length ? `field-${name}-error` : undefined}
      />
      {errors?.[name]?.length ? (
        <p id={`field-${name}-error`} className="text-destructive text-sm">
          {errors[name][0]}
        </p>
      ) : hint ? (
        <p className="text-muted-foreground text-xs">{hint}</p>
      ) : null}
    </div>
  );
  return (
    <form
      noValidate
      className="grid max-w-4xl gap-8"
      data-testid="vehicle-form"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        start(() => action(data));
      }}
    >
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <FormError state={state} />
      {state?.ok ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm">
          {t("form.saved")}
        </p>
      ) : null}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t("form.basics")}</legend>
        {field("make", t("form.make"), { required: true, maxLength: 60 })}
        {field("model", t("form.model"), { required: true, maxLength: 80 })}
        {field("variant", t("form.variant"), { maxLength: 150 })}
        {field("year", t("form.year"), { inputMode: "numeric" })}
        {field("first_registration", t("form.firstRegistration"), { type: "date" })}
        {field("registration_number", t("form.registrationNumber"), { hint: t("form.registrationHint") })}
        {field("vin", t("form.vin"), { hint: t("form.vinHint"), maxLength: 20 })}
        {field("stock_number", t("form.stockNumber"), { maxLength: 50 })}
        {field("mileage_km", t("form.mileage"), { inputMode: "numeric" })}
        {field("price_nok", t("form.price"), { inputMode: "numeric" })}
        {select("status", t("form.status"), VEHICLE_STATUSES, (s) =>
          t(STATUS_KEY[s as keyof typeof STATUS_KEY]),
        )}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t("form.details")}</legend>
        {select("fuel_type", t("form.fuel"), VEHICLE_FUELS, (v) => t(`fuelType.${v}`))}
        {select("transmission", t("form.transmission"), VEHICLE_TRANSMISSIONS, (v) =>
          t(`transmissionType.${v}`),
        )}
        {select("drivetrain", t("form.drivetrain"), VEHICLE_DRIVETRAINS, (v) => t(`drivetrainType.${v}`))}
        {select("body_type", t("form.bodyType"), VEHICLE_BODY_TYPES, (v) => t(`bodyType.${v}`))}
        {field("seats", t("form.seats"), { inputMode: "numeric" })}
        {field("range_km", t("form.range"), { inputMode: "numeric" })}
        {select("towbar", t("form.towbar"), ["true", "false"], (v) =>
          v === "true" ? t("form.yes") : t("form.no"),
        )}
        {field("color", t("form.color"), { maxLength: 40 })}
        {textarea("equipment", t("form.equipment"), t("form.equipmentHint"))}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t("form.listing")}</legend>
        {field("listing_url", t("form.listingUrl"), { type: "url" })}
        {field("finn_code", t("form.finnCode"), { inputMode: "numeric" })}
        {textarea("image_urls", t("form.imageUrls"), t("form.imageUrlsHint"))}
        {textarea("description", t("form.description"))}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {t("form.save")}
        </Button>
      </div>
    </form>
  );
}
