"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import type { FieldErrors } from "@/lib/errors";
import { logCallAction } from "./actions";
import { LOG_CALL_EVENT } from "./lead-page-events";

const OUTCOMES = ["reached", "no_answer", "wrong_number"] as const;
const NEXT = ["none", "call", "follow_up"] as const;
const SELECT =
  "border-input bg-background h-9 w-full rounded-md border px-2 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px] outline-none";

/**
 * After "Ring": how it went (reached / no answer / wrong number), a note and the next step (ring again or follow
 * up at a day and time, tomorrow 10:00 by default). Controlled fields: a validation error keeps what was typed.
 */
export function CallLogDialog(props: {
  leadId: string;
  phone: string | null;
  phoneDisplay: string | null;
  defaultDueDate: string;
}) {
  const t = useTranslations("calls");
  const tasks = useTranslations("tasks");
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number] | "">("");
  const [note, setNote] = useState("");
  const [next, setNext] = useState<(typeof NEXT)[number]>("none");
  const [dueDate, setDueDate] = useState(props.defaultDueDate);
  const [dueTime, setDueTime] = useState("10:00");
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    const show = () => setOpen(true);
    window.addEventListener(LOG_CALL_EVENT, show);
    return () => window.removeEventListener(LOG_CALL_EVENT, show);
  }, []);

  const save = () =>
    start(async () => {
      const result = await logCallAction(null, {
        leadId: props.leadId,
        outcome: outcome as (typeof OUTCOMES)[number],
        note: note || undefined,
        next,
        dueDate: next === "none" ? "" : dueDate,
        dueTime: next === "none" ? "" : dueTime,
      });
      if (!result?.ok) {
        setErrors(result?.fieldErrors);
        setError(result?.error ?? t("failed"));
        return;
      }
      toast({ title: t("logged"), variant: "success" });
      setOpen(false);
      setOutcome("");
      setNote("");
      setNext("none");
      setErrors(undefined);
      setError(null);
    });

  const fieldError = (name: string) =>
    errors?.[name]?.[0] ? (
      <p id={`call-${name}-error`} className="text-destructive text-sm">
        {errors[name]![0]}
      </p>
    ) : null;

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogContent data-testid="call-log-dialog">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{props.phone ? t("text") : t("noPhone")}</DialogDescription>
        </DialogHeader>
        <form
          id="call-log"
          className="space-y-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          {props.phone ? (
            <a href={`tel:${props.phone}`} className="text-primary block text-lg font-semibold underline">
              {t("callNow", { phone: props.phoneDisplay ?? props.phone })}
            </a>
          ) : null}
          {error ? (
            <p role="alert" className="text-destructive text-sm">
              {error}
            </p>
          ) : null}
          <fieldset
            className="space-y-2"
            aria-invalid={errors?.outcome ? true : undefined}
            aria-describedby={errors?.outcome ? "call-outcome-error" : undefined}
          >
            <legend className="text-sm font-medium">{t("outcome")}</legend>
            <div className="flex flex-wrap gap-2">
              {OUTCOMES.map((o) => (
                <label
                  key={o}
                  className="has-[:checked]:border-primary has-[:checked]:bg-primary/10 flex min-h-11 items-center gap-2 rounded-md border px-3 text-sm"
                >
                  <input
                    type="radio"
                    name="outcome"
                    value={o}
                    defaultChecked={outcome === o}
                    onChange={(e) => e.target.checked && setOutcome(o)}
                  />
                  {t(`outcomes.${o}`)}
                </label>
              ))}
            </div>
            {fieldError("outcome")}
          </fieldset>
          <div className="grid gap-1">
            <Label htmlFor="call-note">{t("note")}</Label>
            <Textarea
              id="call-note"
              rows={2}
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={errors?.note ? true : undefined}
            />
            {fieldError("note")}
          </div>
          <div className="grid gap-1">
            <Label htmlFor="call-next">{t("next")}</Label>
            <select
              id="call-next"
              className={SELECT}
              value={next}
              onChange={(e) => setNext(e.target.value as (typeof NEXT)[number])}
            >
              {NEXT.map((n) => (
                <option key={n} value={n}>
                  {t(`nextOptions.${n}`)}
                </option>
              ))}
            </select>
          </div>
          {next !== "none" ? (
            <div className="grid grid-cols-2 gap-3">
              <div className="grid gap-1">
                <Label htmlFor="call-due-date">{tasks("dueDate")}</Label>
                <Input
                  id="call-due-date"
                  type="date"
                  value={dueDate}
                  onChange={(e) => setDueDate(e.target.value)}
                  aria-invalid={errors?.dueDate ? true : undefined}
                />
                {fieldError("dueDate")}
              </div>
              <div className="grid gap-1">
                <Label htmlFor="call-due-time">{tasks("dueTime")}</Label>
                <Input
                  id="call-due-time"
                  type="time"
                  value={dueTime}
                  onChange={(e) => setDueTime(e.target.value)}
                  aria-invalid={errors?.dueTime ? true : undefined}
                />
                {fieldError("dueTime")}
              </div>
            </div>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={pending} aria-busy={pending}>
              {t("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
