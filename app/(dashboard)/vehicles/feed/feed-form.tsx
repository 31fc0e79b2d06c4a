"use client";

import { useActionState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/forms/action-button";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/vehicles/native-select";
import { runVehicleFeedNowAction, saveVehicleFeedAction } from "./actions";

type Values = {
  feed_url: string;
  feed_format: string;
  feed_enabled: boolean;
  feed_schedule: string;
  feed_mark_missing_sold: boolean;
};

export function FeedForm({ values }: { values: Values }) {
  const t = useTranslations("vehicleImport");
  const [state, action] = useActionState(saveVehicleFeedAction, null);
  const [pending, start] = useTransition();
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form
      noValidate
      className="grid max-w-2xl gap-4"
      data-testid="feed-form"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        start(() => action(data));
      }}
    >
      <FormError state={state} />
      {state?.ok ? (
        <p role="status" className="text-sm">
          {t("feedSaved")}
        </p>
      ) : null}
      <FormField
        label={t("feedUrl")}
        name="feed_url"
        type="url"
        defaultValue={values.feed_url}
        errors={errors?.feed_url}
      />
      <div className="flex flex-wrap gap-4">
        <NativeSelect name="feed_format" label={t("feedFormat")} defaultValue={values.feed_format}>
          <option value="auto">{t("feedFormatAuto")}</option>
          <option value="csv">CSV</option>
          <option value="json">JSON</option>
          <option value="xml">XML</option>
        </NativeSelect>
        <NativeSelect name="feed_schedule" label={t("feedCron")} defaultValue={values.feed_schedule}>
          <option value="every15">{t("feedCronEvery15")}</option>
          <option value="hourly">{t("feedCronHourly")}</option>
          <option value="daily">{t("feedCronDaily")}</option>
        </NativeSelect>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="feed_enabled" defaultChecked={values.feed_enabled} />
        {t("feedEnabled")}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="feed_mark_missing_sold" defaultChecked={values.feed_mark_missing_sold} />
        {t("feedMarkMissingSold")}
      </label>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {t("feedSave")}
        </Button>
        {values.feed_url ? (
          <ActionButton
            action={runVehicleFeedNowAction}
            input={{}}
            label={t("feedRunNow")}
            variant="outline"
            successText={t("feedRan")}
          />
        ) : null}
      </div>
    </form>
  );
}
