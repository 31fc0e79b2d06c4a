"use client";

import { Mail, MessageSquare } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useKeptFormAction } from "@/components/forms/use-kept-form-action";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { ReplyChannel } from "@/lib/conversations/default-reply-channel";
import { carName, describeCarForReply, type ReplyCar } from "@/lib/templates/describe-car-for-reply";
import { fillTemplate, type TemplateVariables } from "@/lib/templates/fill-template";
import { sendReplyAction } from "./actions";

const SELECT =
  "border-input bg-background h-9 w-full min-w-0 rounded-md border px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px]";

type Props = {
  leadId: string;
  canEmail: boolean;
  canSms: boolean;
  aiPaused: boolean;
  defaultChannel: ReplyChannel;
  templates: { id: string; name: string; body: string }[];
  cars: ReplyCar[];
  variables: TemplateVariables;
};

/**
 * The rep's own reply (US-4.2). It goes out through the same mailer / SMS ports as the AI's; the stored message
 * shows up in the thread as "pending" as soon as the action returns, then "sent" when the job has run. The
 * channel, subject and text survive a validation error (the form is not reset by React); a template or a car
 * from stock is put into the text where the cursor is.
 */
export function ReplyForm(props: Props) {
  const t = useTranslations("leadDetail");
  const tt = useTranslations("templates");
  const [channel, setChannel] = useState<ReplyChannel>(props.defaultChannel);
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  // A sent reply empties the text and subject; the channel stays as chosen.
  const { state, onSubmit, pending, action } = useKeptFormAction(sendReplyAction, {
    onSuccess: () => {
      setBody("");
      setSubject("");
    },
  });
  const textarea = useRef<HTMLTextAreaElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  if (!props.canEmail && !props.canSms)
    return <p className="text-muted-foreground text-sm">{t("noContact")}</p>;

  const insert = (text: string) => {
    const el = textarea.current;
    const at = el && document.activeElement === el ? el.selectionStart : body.length;
    const before = body.slice(0, at);
    const after = body.slice(at);
    const gap = before && !/\s$/.test(before) ? (text.includes("\n") ? "\n\n" : " ") : "";
    setBody(`${before}${gap}${text}${after}`);
    requestAnimationFrame(() => textarea.current?.focus());
  };

  return (
    <form
      action={action}
      onSubmit={onSubmit}
      className="space-y-3 border-t pt-4"
      aria-labelledby="reply-heading"
      noValidate
      data-testid="reply-form"
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
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="grid min-w-0 gap-1.5">
          <Label htmlFor="reply-template">{tt("useTemplate")}</Label>
          <select
            id="reply-template"
            className={SELECT}
            value=""
            disabled={props.templates.length === 0}
            onChange={(e) => {
              const template = props.templates.find((x) => x.id === e.target.value);
              if (template) insert(fillTemplate(template.body, props.variables));
            }}
            data-testid="reply-template"
          >
            <option value="">{props.templates.length ? tt("chooseTemplate") : tt("noTemplates")}</option>
            {props.templates.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="grid min-w-0 gap-1.5">
          <Label htmlFor="reply-car">{tt("insertCar")}</Label>
          <select
            id="reply-car"
            className={SELECT}
            value=""
            disabled={props.cars.length === 0}
            onChange={(e) => {
              const car = props.cars.find((x) => x.id === e.target.value);
              if (car) insert(describeCarForReply(car));
            }}
            data-testid="reply-car"
          >
            <option value="">{props.cars.length ? tt("chooseCar") : tt("noCars")}</option>
            {props.cars.map((car) => (
              <option key={car.id} value={car.id}>
                {carName(car)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {channel === "email" ? (
        <div className="grid gap-1.5">
          <Label htmlFor="reply-subject">{t("subject")}</Label>
          <Input
            id="reply-subject"
            name="subject"
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            placeholder={t("subjectPlaceholder")}
          />
        </div>
      ) : null}
      <div className="grid gap-1.5">
        <Label htmlFor="reply-body">{t("message")}</Label>
        <Textarea
          ref={textarea}
          id="reply-body"
          name="body"
          rows={5}
          required
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors?.body ? true : undefined}
          aria-describedby={errors?.body ? "reply-body-error" : undefined}
        />
        {errors?.body ? (
          <p id="reply-body-error" className="text-destructive text-sm">
            {errors.body[0]}
          </p>
        ) : null}
      </div>
      <SubmitButton pending={pending}>{channel === "email" ? t("sendEmail") : t("sendSms")}</SubmitButton>
    </form>
  );
}
