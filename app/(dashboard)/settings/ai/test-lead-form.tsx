"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { sendTestLeadAction } from "./actions";

const SOURCES = ["website", "email", "facebook", "api"] as const;
const KNOWN_REASONS = ["ai_off", "source_skipped", "ai_paused", "no_email", "suppressed", "opt_out"];

/** "Send en testlead": the action awaits the real pipeline, so its answer is the reply itself. */
export function TestLeadForm() {
  const t = useTranslations("aiSettings");
  const [state, action] = useActionState(sendTestLeadAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const result = state?.ok ? state.data : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t("testTitle")}</CardTitle>
        <p className="text-muted-foreground text-xs">{t("testIntro")}</p>
      </CardHeader>
      <CardContent className="grid gap-6">
        <form action={action} className="grid gap-4" noValidate>
          <div className="grid gap-1.5">
            <Label htmlFor="test-source">{t("testSource")}</Label>
            <select
              id="test-source"
              name="source"
              defaultValue="website"
              className="border-input h-9 w-fit rounded-md border bg-transparent px-3 text-sm"
            >
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`sourceNames.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <FormField
            label={t("testName")}
            name="name"
            defaultValue={t("testDefaultName")}
            errors={errors?.name}
          />
          <FormField label={t("testVehicle")} name="vehicleInterest" errors={errors?.vehicleInterest} />
          <div className="grid gap-1.5">
            <Label htmlFor="test-message">{t("testMessage")}</Label>
            <Textarea
              id="test-message"
              name="message"
              rows={3}
              defaultValue={t("testDefaultMessage")}
              aria-invalid={errors?.message ? true : undefined}
            />
            {errors?.message ? <p className="text-destructive text-sm">{errors.message[0]}</p> : null}
          </div>
          <FormError state={state} />
          <div>
            <SubmitButton>{t("send")}</SubmitButton>
          </div>
        </form>

        {result ? (
          <section
            aria-live="polite"
            data-testid="test-lead-result"
            className="grid gap-2 rounded-md border p-4"
          >
            {result.reply ? (
              <>
                <h3 className="text-sm font-medium">{t("replyTitle")}</h3>
                <p className="text-sm">
                  <span className="text-muted-foreground">{t("subject")}:</span> {result.reply.subject}
                </p>
                <pre
                  className="bg-muted/40 font-sans whitespace-pre-wrap rounded p-3 text-sm"
                  data-testid="test-lead-reply"
                >
                  {result.reply.body}
                </pre>
              </>
            ) : (
              <p className="text-sm" role="status">
                {t("notAnswered", {
                  reason: t(
                    `reasons.${KNOWN_REASONS.includes(result.reason ?? "") ? result.reason : "other"}`,
                  ),
                })}
              </p>
            )}
            <Link href={`/leads/${result.leadId}`} className="text-primary text-sm underline">
              {t("openLead")}
            </Link>
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}
