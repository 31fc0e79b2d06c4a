"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast";
import type { FieldErrors } from "@/lib/errors";
import { completeTaskAction, createTaskAction, snoozeTaskAction } from "./actions";

const SELECT =
  "border-input bg-background h-9 w-full rounded-md border px-2 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px] outline-none";

/** "Ring tirsdag kl. 10": type, day, time and a note. Controlled, so an error never clears what was typed. */
export function TaskForm({ leadId, defaultDueDate }: { leadId: string; defaultDueDate: string }) {
  const t = useTranslations("tasks");
  const [kind, setKind] = useState<"call" | "follow_up">("call");
  const [dueDate, setDueDate] = useState(defaultDueDate);
  const [dueTime, setDueTime] = useState("10:00");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors | undefined>();
  const [pending, start] = useTransition();
  const save = () =>
    start(async () => {
      const result = await createTaskAction(null, {
        leadId,
        kind,
        dueDate,
        dueTime,
        note: note || undefined,
      });
      if (!result?.ok) {
        setErrors(result?.fieldErrors);
        if (!result?.fieldErrors) toast({ title: result?.error ?? t("failed"), variant: "destructive" });
        return;
      }
      setErrors(undefined);
      setNote("");
      toast({ title: t("saved"), variant: "success" });
    });
  const error = (name: string) =>
    errors?.[name]?.[0] ? <p className="text-destructive text-sm">{errors[name]![0]}</p> : null;
  return (
    <form
      className="space-y-3 border-t pt-4"
      noValidate
      aria-labelledby="task-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h3 id="task-form-heading" className="text-sm font-semibold">
        {t("add")}
      </h3>
      <div className="grid grid-cols-2 gap-3">
        <div className="col-span-2 grid gap-1">
          <Label htmlFor="task-kind">{t("kindLabel")}</Label>
          <select
            id="task-kind"
            className={SELECT}
            value={kind}
            onChange={(e) => setKind(e.target.value as "call" | "follow_up")}
          >
            <option value="call">{t("kind.call")}</option>
            <option value="follow_up">{t("kind.follow_up")}</option>
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="task-due-date">{t("dueDate")}</Label>
          <Input
            id="task-due-date"
            type="date"
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
            aria-invalid={errors?.dueDate ? true : undefined}
          />
          {error("dueDate")}
        </div>
        <div className="grid gap-1">
          <Label htmlFor="task-due-time">{t("dueTime")}</Label>
          <Input
            id="task-due-time"
            type="time"
            value={dueTime}
            onChange={(e) => setDueTime(e.target.value)}
            aria-invalid={errors?.dueTime ? true : undefined}
          />
          {error("dueTime")}
        </div>
        <div className="col-span-2 grid gap-1">
          <Label htmlFor="task-note">{t("note")}</Label>
          <Input
            id="task-note"
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={errors?.note ? true : undefined}
          />
          {error("note")}
        </div>
      </div>
      <Button type="submit" variant="outline" size="sm" disabled={pending} aria-busy={pending}>
        {t("save")}
      </Button>
    </form>
  );
}

/** Ferdig / Utsett 1 time / Utsett til i morgen on one open task. */
export function TaskButtons({ taskId }: { taskId: string }) {
  const t = useTranslations("tasks");
  const [pending, start] = useTransition();
  const run = (action: () => Promise<{ ok: boolean; error?: string } | null>, success: string) =>
    start(async () => {
      const result = await action();
      toast(
        result?.ok
          ? { title: success, variant: "success" }
          : { title: result?.error ?? t("failed"), variant: "destructive" },
      );
    });
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        size="sm"
        variant="outline"
        disabled={pending}
        onClick={() => run(() => completeTaskAction(null, { taskId }), t("completed"))}
      >
        {t("done")}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        disabled={pending}
        onClick={() => run(() => snoozeTaskAction(null, { taskId, by: "1h" }), t("snoozed"))}
      >
        {t("snooze1h")}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        disabled={pending}
        onClick={() => run(() => snoozeTaskAction(null, { taskId, by: "1d" }), t("snoozed"))}
      >
        {t("snooze1d")}
      </Button>
    </div>
  );
}
