"use client";

import { startTransition, useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { RadioFieldset } from "@/components/forms/radio-fieldset";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { updateConversationSettingsAction } from "./actions";

const MODES = ["draft", "autopilot", "off"] as const;

type Props = {
  aiReplyMode: (typeof MODES)[number];
  aiHandoffAfterTurns: number;
  smsNumber: string;
  smsSenderId: string;
  webhookUrl: string;
};

export function ConversationSettingsForm(props: Props) {
  const t = useTranslations("conversation");
  const [state, action, pending] = useActionState(updateConversationSettingsAction, null);
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
            startTransition(() =>
              action({
                aiReplyMode: String(data.get("aiReplyMode")) as Props["aiReplyMode"],
                aiHandoffAfterTurns: Number(data.get("aiHandoffAfterTurns")),
                smsNumber: String(data.get("smsNumber") ?? ""),
                smsSenderId: String(data.get("smsSenderId") ?? ""),
              }),
            );
          }}
        >
          <RadioFieldset
            legend={t("replyMode")}
            name="aiReplyMode"
            options={MODES.map((mode) => ({ value: mode, label: t(`replyModes.${mode}`) }))}
            defaultValue={props.aiReplyMode}
            errors={errors.aiReplyMode}
          />

          <Field
            id="conversation-turns"
            label={t("handoffAfterTurns")}
            hint={t("handoffHint")}
            errors={errors.aiHandoffAfterTurns}
          >
            <Input
              id="conversation-turns"
              name="aiHandoffAfterTurns"
              type="number"
              min={1}
              max={10}
              className="w-24"
              defaultValue={props.aiHandoffAfterTurns}
              aria-invalid={errors.aiHandoffAfterTurns ? true : undefined}
            />
          </Field>

          <Field
            id="conversation-sms-number"
            label={t("smsNumber")}
            hint={t("smsNumberHint", { url: props.webhookUrl })}
            errors={errors.smsNumber}
          >
            <Input
              id="conversation-sms-number"
              name="smsNumber"
              type="tel"
              inputMode="tel"
              className="max-w-xs"
              defaultValue={props.smsNumber}
              aria-invalid={errors.smsNumber ? true : undefined}
            />
          </Field>

          <Field
            id="conversation-sender-id"
            label={t("senderId")}
            hint={t("senderIdHint")}
            errors={errors.smsSenderId}
          >
            <Input
              id="conversation-sender-id"
              name="smsSenderId"
              maxLength={20}
              className="max-w-xs"
              defaultValue={props.smsSenderId}
              aria-invalid={errors.smsSenderId ? true : undefined}
            />
          </Field>

          <FormError state={state} />
          {state?.ok ? (
            <p role="status" className="text-sm">
              {t("saved")}
            </p>
          ) : null}
          <div>
            <Button type="submit" disabled={pending} aria-busy={pending}>
              {t("save")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function Field(props: {
  id: string;
  label: string;
  hint: string;
  errors?: string[];
  children: React.ReactNode;
}) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={props.id}>{props.label}</Label>
      {props.children}
      {props.errors?.length ? (
        <FieldError messages={props.errors} />
      ) : (
        <p className="text-muted-foreground text-xs break-words">{props.hint}</p>
      )}
    </div>
  );
}

function FieldError({ messages }: { messages?: string[] }) {
  return messages?.length ? <p className="text-destructive text-sm">{messages[0]}</p> : null;
}
