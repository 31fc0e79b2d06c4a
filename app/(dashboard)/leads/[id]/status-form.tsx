"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useKeptFormAction } from "@/components/forms/use-kept-form-action";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { LeadStatus } from "@/db/schema/enums";
import { changeLeadStatusAction } from "./actions";

const STATUSES: LeadStatus[] = ["new", "contacted", "qualified", "won", "lost"];
const SELECT =
  "border-input bg-background h-9 w-full rounded-md border px-2 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px]";

/** Status dropdown (US-4.4); "lost" asks for the reason before it can be saved. */
export function StatusForm({ leadId, status }: { leadId: string; status: LeadStatus }) {
  const t = useTranslations();
  const { state, onSubmit, pending, action } = useKeptFormAction(changeLeadStatusAction);
  const [chosen, setChosen] = useState<LeadStatus>(status);
  // A status saved here or changed elsewhere (live update) becomes the selected one.
  const [shown, setShown] = useState<LeadStatus>(status);
  if (shown !== status) {
    setShown(status);
    setChosen(status);
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-2" noValidate data-testid="status-form">
      <input type="hidden" name="leadId" value={leadId} />
      <FormError state={state} />
      <Label htmlFor="lead-status">{t("leadDetail.status")}</Label>
      <div className="flex gap-2">
        <select
          id="lead-status"
          name="status"
          className={SELECT}
          value={chosen}
          onChange={(e) => setChosen(e.target.value as LeadStatus)}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <SubmitButton variant="outline" pending={pending} disabled={pending || chosen === status}>
          {t("leadDetail.save")}
        </SubmitButton>
      </div>
      {chosen === "lost" && status !== "lost" ? (
        <div className="grid gap-1.5">
          <Label htmlFor="lost-reason">{t("leadDetail.lostReason")}</Label>
          <Textarea
            id="lost-reason"
            name="reason"
            rows={2}
            required
            aria-invalid={errors?.reason ? true : undefined}
            aria-describedby={errors?.reason ? "lost-reason-error" : undefined}
          />
          {errors?.reason ? (
            <p id="lost-reason-error" className="text-destructive text-sm">
              {errors.reason[0]}
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
