"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast";
import type { FieldErrors } from "@/lib/errors";
import type { FollowUpRule } from "@/lib/follow-ups/default-rule";
import { updateFollowUpRuleAction } from "./actions";

const SELECT =
  "border-input bg-background h-9 w-full rounded-md border px-2 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px] outline-none";

/** The rule: on/off, up to five steps (day, channel), what happens after the last, the cap and the approval time. */
export function FollowUpRuleForm({ rule }: { rule: FollowUpRule }) {
  const t = useTranslations("followUps");
  const [enabled, setEnabled] = useState(rule.enabled);
  const [steps, setSteps] = useState(
    rule.steps.map((s) => ({ delayDays: String(s.delayDays), channel: s.channel })),
  );
  const [afterLast, setAfterLast] = useState(rule.afterLast);
  const [closeAfterDays, setCloseAfterDays] = useState(String(rule.closeAfterDays));
  const [maxPerLead, setMaxPerLead] = useState(String(rule.maxPerLead));
  const [approvalHours, setApprovalHours] = useState(String(rule.approvalHours));
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [pending, start] = useTransition();
  const error = (path: string) =>
    errors?.[path]?.[0] ? (
      <p className="text-destructive text-sm" id={`${path}-error`}>
        {errors[path]![0]}
      </p>
    ) : null;
  const save = () =>
    start(async () => {
      const result = await updateFollowUpRuleAction(null, {
        enabled,
        steps: steps.map((s) => ({ delayDays: s.delayDays, channel: s.channel })),
        afterLast,
        closeAfterDays,
        maxPerLead,
        approvalHours,
      });
      if (!result?.ok) {
        setErrors(result?.fieldErrors);
        toast({ title: result?.error ?? t("failed"), variant: "destructive" });
        return;
      }
      setErrors(undefined);
      toast({ title: t("saved"), variant: "success" });
    });
  return (
    <Card>
      <CardContent className="space-y-5 pt-6">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            className="size-4"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
            data-testid="rule-enabled"
          />
          {t("enabled")}
        </label>
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">{t("steps")}</legend>
          {steps.map((step, i) => (
            <div key={i} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2" data-testid="rule-step">
              <div className="space-y-1">
                <Label htmlFor={`step-${i}-days`}>{t("delayDays")}</Label>
                <Input
                  id={`step-${i}-days`}
                  inputMode="numeric"
                  value={step.delayDays}
                  onChange={(e) =>
                    setSteps(steps.map((s, j) => (j === i ? { ...s, delayDays: e.target.value } : s)))
                  }
                />
              </div>
              <div className="space-y-1">
                <Label htmlFor={`step-${i}-channel`}>{t("channelLabel")}</Label>
                <select
                  id={`step-${i}-channel`}
                  className={SELECT}
                  value={step.channel}
                  onChange={(e) =>
                    setSteps(
                      steps.map((s, j) =>
                        j === i ? { ...s, channel: e.target.value as "email" | "sms" } : s,
                      ),
                    )
                  }
                >
                  <option value="email">{t("channel.email")}</option>
                  <option value="sms">{t("channel.sms")}</option>
                </select>
              </div>
              <Button
                type="button"
                variant="outline"
                size="sm"
                disabled={steps.length <= 1}
                onClick={() => setSteps(steps.filter((_, j) => j !== i))}
              >
                {t("removeStep")}
              </Button>
            </div>
          ))}
          <div aria-live="polite">{error("steps")}</div>
          {steps.length < 5 ? (
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() =>
                setSteps([
                  ...steps,
                  { delayDays: String(Number(steps.at(-1)?.delayDays ?? 0) + 3), channel: "email" },
                ])
              }
            >
              {t("addStep")}
            </Button>
          ) : null}
          <p className="text-muted-foreground text-xs">{t("smsConsentHint")}</p>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1">
            <Label htmlFor="after-last">{t("afterLast")}</Label>
            <select
              id="after-last"
              className={SELECT}
              value={afterLast}
              onChange={(e) => setAfterLast(e.target.value as "lost" | "none")}
            >
              <option value="lost">{t("afterLastValue.lost")}</option>
              <option value="none">{t("afterLastValue.none")}</option>
            </select>
          </div>
          <div className="space-y-1">
            <Label htmlFor="close-after">{t("closeAfterDays")}</Label>
            <Input
              id="close-after"
              inputMode="numeric"
              value={closeAfterDays}
              onChange={(e) => setCloseAfterDays(e.target.value)}
            />
            {error("closeAfterDays")}
          </div>
          <div className="space-y-1">
            <Label htmlFor="max-per-lead">{t("maxPerLead")}</Label>
            <Input
              id="max-per-lead"
              inputMode="numeric"
              value={maxPerLead}
              onChange={(e) => setMaxPerLead(e.target.value)}
            />
            {error("maxPerLead")}
          </div>
          <div className="space-y-1">
            <Label htmlFor="approval-hours">{t("approvalHours")}</Label>
            <Input
              id="approval-hours"
              inputMode="numeric"
              value={approvalHours}
              onChange={(e) => setApprovalHours(e.target.value)}
            />
            {error("approvalHours")}
          </div>
        </div>
        <Button onClick={save} disabled={pending} aria-busy={pending} data-testid="save-rule">
          {t("save")}
        </Button>
      </CardContent>
    </Card>
  );
}
