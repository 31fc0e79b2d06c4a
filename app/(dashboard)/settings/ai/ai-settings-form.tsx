"use client";

import { startTransition, useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/forms/form-footer";
import { RadioFieldset } from "@/components/forms/radio-fieldset";
import { Card, CardContent } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { updateAiSettingsAction } from "./actions";

const MODES = ["autopilot", "draft", "off"] as const;
const ADDRESS_FORMS = ["du", "de"] as const;
const SOURCES = ["website", "email", "facebook", "api"] as const;
const MAX_INSTRUCTIONS = 1000;

type Props = {
  aiMode: (typeof MODES)[number];
  aiAddressForm: (typeof ADDRESS_FORMS)[number];
  aiExtraInstructions: string;
  aiSkipSources: string[];
};

export function AiSettingsForm(props: Props) {
  const t = useTranslations("aiSettings");
  const [state, action, pending] = useActionState(updateAiSettingsAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <Card>
      <CardContent className="pt-6">
        <form
          className="grid gap-6"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const answered = data.getAll("answeredSources").map(String);
            startTransition(() =>
              action({
                aiMode: String(data.get("aiMode")) as Props["aiMode"],
                aiAddressForm: String(data.get("aiAddressForm")) as Props["aiAddressForm"],
                aiExtraInstructions: String(data.get("aiExtraInstructions") ?? ""),
                aiSkipSources: SOURCES.filter((s) => !answered.includes(s)),
              }),
            );
          }}
        >
          <RadioFieldset
            legend={t("mode")}
            name="aiMode"
            options={MODES.map((mode) => ({ value: mode, label: t(`modes.${mode}`) }))}
            defaultValue={props.aiMode}
            errors={errors.aiMode}
          />

          <RadioFieldset
            legend={t("addressForm")}
            name="aiAddressForm"
            options={ADDRESS_FORMS.map((form) => ({ value: form, label: t(`addressForms.${form}`) }))}
            defaultValue={props.aiAddressForm}
            errors={errors.aiAddressForm}
          />

          <div className="grid gap-1.5">
            <Label htmlFor="ai-extra-instructions">{t("extraInstructions")}</Label>
            <Textarea
              id="ai-extra-instructions"
              name="aiExtraInstructions"
              rows={5}
              defaultValue={props.aiExtraInstructions}
              maxLength={MAX_INSTRUCTIONS + 200}
              aria-invalid={errors.aiExtraInstructions ? true : undefined}
              aria-describedby="ai-extra-instructions-hint"
            />
            {errors.aiExtraInstructions ? (
              <FieldError messages={errors.aiExtraInstructions} />
            ) : (
              <p id="ai-extra-instructions-hint" className="text-muted-foreground text-xs">
                {t("extraInstructionsHint")}
              </p>
            )}
          </div>

          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t("sources")}</legend>
            <p className="text-muted-foreground text-xs">{t("sourcesHint")}</p>
            {SOURCES.map((source) => (
              <label key={source} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="answeredSources"
                  value={source}
                  defaultChecked={!props.aiSkipSources.includes(source)}
                />
                {t(`sourceNames.${source}`)}
              </label>
            ))}
            <FieldError messages={errors.aiSkipSources} />
          </fieldset>

          <FormFooter state={state} savedText={t("saved")} saveLabel={t("save")} pending={pending} />
        </form>
      </CardContent>
    </Card>
  );
}

function FieldError({ messages }: { messages?: string[] }) {
  return messages?.length ? <p className="text-destructive text-sm">{messages[0]}</p> : null;
}
