"use client";

import { Mail, MessageSquare } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { sendReplyAction } from "./actions";

/**
 * The rep's own reply (US-4.2). It goes out through the same mailer / SMS ports as the AI's; the stored message
 * shows up in the thread as "pending" as soon as the action returns, then "sent" when the job has run.
 */
export function ReplyForm(props: { leadId: string; canEmail: boolean; canSms: boolean; aiPaused: boolean }) {
  const t = useTranslations("leadDetail");
  const [state, action] = useActionState(sendReplyAction, null);
  const [channel, setChannel] = useState<"email" | "sms">(props.canEmail ? "email" : "sms");
  const form = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  if (!props.canEmail && !props.canSms)
    return <p className="text-muted-foreground text-sm">{t("noContact")}</p>;
  return (
    <form
      ref={form}
      action={action}
      className="space-y-3 border-t pt-4"
      aria-labelledby="reply-heading"
      noValidate
    >
      <h3 id="reply-heading" className="text-sm font-semibold">
        {t("reply")}
      </h3>
      {!props.aiPaused ? <p className="text-muted-foreground text-xs">{t("replyAiHint")}</p> : null}
      <input type="hidden" name="leadId" value={props.leadId} />
      <FormError state={state} />
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">{t("channelLabel")}</legend>
        {(["email", "sms"] as const).map((c) => (
          <label key={c} className="flex items-center gap-2">
            <input
              type="radio"
              name="channel"
              value={c}
              checked={channel === c}
              disabled={c === "email" ? !props.canEmail : !props.canSms}
              onChange={() => setChannel(c)}
            />
            {c === "email" ? (
              <Mail className="size-4" aria-hidden />
            ) : (
              <MessageSquare className="size-4" aria-hidden />
            )}
            {t(`channel.${c}`)}
          </label>
        ))}
      </fieldset>
      {channel === "email" ? (
        <div className="grid gap-1.5">
          <Label htmlFor="reply-subject">{t("subject")}</Label>
          <Input id="reply-subject" name="subject" placeholder={t("subjectPlaceholder")} />
        </div>
      ) : null}
      <div className="grid gap-1.5">
        <Label htmlFor="reply-body">{t("message")}</Label>
        <Textarea
          id="reply-body"
          name="body"
          rows={4}
          required
          aria-invalid={errors?.body ? true : undefined}
          aria-describedby={errors?.body ? "reply-body-error" : undefined}
        />
        {errors?.body ? (
          <p id="reply-body-error" className="text-destructive text-sm">
            {errors.body[0]}
          </p>
        ) : null}
      </div>
      <SubmitButton>{channel === "email" ? t("sendEmail") : t("sendSms")}</SubmitButton>
    </form>
  );
}
