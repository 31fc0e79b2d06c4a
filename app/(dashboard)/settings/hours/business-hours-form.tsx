"use client";

import { startTransition, useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/forms/form-footer";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { BusinessHours, BusinessInterval, SpecialDay, Weekday } from "@/db/schema/dealerships";
import { updateBusinessHoursAction } from "./actions";

const DAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MAX_INTERVALS = 4;
const DEFAULT_INTERVAL: BusinessInterval = { open: "09:00", close: "17:00" };

type Props = {
  weekly: BusinessHours;
  specialDays: SpecialDay[];
  observePublicHolidays: boolean;
  comingHolidays: { date: string; name: string }[];
};

export function BusinessHoursForm(props: Props) {
  const t = useTranslations("businessHours");
  const [state, action, pending] = useActionState(updateBusinessHoursAction, null);
  const [weekly, setWeekly] = useState<BusinessHours>(props.weekly);
  const [specialDays, setSpecialDays] = useState<SpecialDay[]>(props.specialDays);
  const [observe, setObserve] = useState(props.observePublicHolidays);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const err = (path: string) => errors[path]?.[0];

  const setDay = (day: Weekday, intervals: BusinessInterval[]) => setWeekly({ ...weekly, [day]: intervals });
  const setSpecial = (index: number, patch: Partial<SpecialDay>) =>
    setSpecialDays(specialDays.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  const keptOpen = (date: string) => specialDays.some((d) => d.date === date);
  const toggleKeepOpen = (holiday: { date: string; name: string }, keep: boolean) => {
    if (!keep) return setSpecialDays(specialDays.filter((d) => d.date !== holiday.date));
    const weekday = DAYS[(new Date(`${holiday.date}T12:00:00Z`).getUTCDay() + 6) % 7]!;
    const hours = weekly[weekday].length ? weekly[weekday] : [DEFAULT_INTERVAL];
    setSpecialDays([...specialDays, { date: holiday.date, hours, note: holiday.name }]);
  };

  return (
    <form
      className="grid gap-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(() => action({ weekly, specialDays, observePublicHolidays: observe }));
      }}
    >
      <Card>
        <CardHeader>
          <CardTitle className="text-base">{t("weekTitle")}</CardTitle>
          <p className="text-muted-foreground text-xs">{t("intervalHint")}</p>
        </CardHeader>
        <CardContent className="grid gap-3">
          {DAYS.map((day) => (
            <div
              key={day}
              data-testid={`day-${day}`}
              className="grid gap-2 border-b pb-3 last:border-b-0 sm:grid-cols-[8rem_6rem_1fr]"
            >
              <span className="pt-2 text-sm font-medium">{t(`days.${day}`)}</span>
              <label className="flex items-center gap-2 pt-2 text-sm">
                <input
                  type="checkbox"
                  checked={weekly[day].length === 0}
                  onChange={(e) => setDay(day, e.target.checked ? [] : [DEFAULT_INTERVAL])}
                  aria-label={`${t(`days.${day}`)}: ${t("closed")}`}
                />
                {t("closed")}
              </label>
              <div className="grid gap-2">
                {weekly[day].map((interval, i) => (
                  <IntervalRow
                    key={i}
                    label={t(`days.${day}`)}
                    interval={interval}
                    path={`weekly.${day}.${i}`}
                    err={err}
                    onChange={(next) =>
                      setDay(
                        day,
                        weekly[day].map((x, k) => (k === i ? next : x)),
                      )
                    }
                    onRemove={() =>
                      setDay(
                        day,
                        weekly[day].filter((_, k) => k !== i),
                      )
                    }
                  />
                ))}
                {err(`weekly.${day}`) ? (
                  <p className="text-destructive text-sm">{err(`weekly.${day}`)}</p>
                ) : null}
                {weekly[day].length > 0 && weekly[day].length < MAX_INTERVALS ? (
                  <div>
                    <Button
                      type="button"
                      variant="outline"
                      size="sm"
                      onClick={() => setDay(day, [...weekly[day], nextInterval(weekly[day])])}
                    >
                      {t("addInterval")}
                    </Button>
                  </div>
                ) : null}
              </div>
            </div>
          ))}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle className="text-base">{t("specialTitle")}</CardTitle>
          <p className="text-muted-foreground text-xs">{t("specialIntro")}</p>
        </CardHeader>
        <CardContent className="grid gap-4">
          {specialDays.length === 0 ? (
            <p className="text-muted-foreground text-sm">{t("noSpecialDays")}</p>
          ) : null}
          {specialDays.map((day, index) => (
            <div key={index} data-testid="special-day" className="grid gap-2 border-b pb-3 last:border-b-0">
              <div className="flex flex-wrap items-end gap-3">
                <div className="grid gap-1">
                  <Label htmlFor={`special-${index}-date`}>{t("date")}</Label>
                  <Input
                    id={`special-${index}-date`}
                    type="date"
                    value={day.date}
                    className="w-40"
                    aria-invalid={err(`specialDays.${index}.date`) ? true : undefined}
                    onChange={(e) => setSpecial(index, { date: e.target.value })}
                  />
                </div>
                <div className="grid flex-1 gap-1">
                  <Label htmlFor={`special-${index}-note`}>{t("note")}</Label>
                  <Input
                    id={`special-${index}-note`}
                    value={day.note ?? ""}
                    maxLength={200}
                    placeholder={t("notePlaceholder")}
                    aria-invalid={err(`specialDays.${index}.note`) ? true : undefined}
                    onChange={(e) => setSpecial(index, { note: e.target.value })}
                  />
                </div>
                <label className="flex items-center gap-2 pb-2 text-sm">
                  <input
                    type="checkbox"
                    checked={day.hours.length === 0}
                    onChange={(e) => setSpecial(index, { hours: e.target.checked ? [] : [DEFAULT_INTERVAL] })}
                  />
                  {t("closed")}
                </label>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  onClick={() => setSpecialDays(specialDays.filter((_, i) => i !== index))}
                >
                  {t("removeSpecialDay")}
                </Button>
              </div>
              {[`specialDays.${index}.date`, `specialDays.${index}.note`, `specialDays.${index}.hours`].map(
                (p) =>
                  err(p) ? (
                    <p key={p} className="text-destructive text-sm">
                      {err(p)}
                    </p>
                  ) : null,
              )}
              {day.hours.map((interval, i) => (
                <IntervalRow
                  key={i}
                  label={day.date}
                  interval={interval}
                  path={`specialDays.${index}.hours.${i}`}
                  err={err}
                  onChange={(next) =>
                    setSpecial(index, { hours: day.hours.map((x, k) => (k === i ? next : x)) })
                  }
                  onRemove={() => setSpecial(index, { hours: day.hours.filter((_, k) => k !== i) })}
                />
              ))}
            </div>
          ))}
          <div>
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => setSpecialDays([...specialDays, { date: "", hours: [], note: "" }])}
            >
              {t("addSpecialDay")}
            </Button>
          </div>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle className="text-base">{t("holidaysTitle")}</CardTitle>
          <p className="text-muted-foreground text-xs">{t("observeHolidaysHint")}</p>
        </CardHeader>
        <CardContent className="grid gap-3">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" checked={observe} onChange={(e) => setObserve(e.target.checked)} />
            {t("observeHolidays")}
          </label>
          {observe ? (
            <ul className="grid gap-1" data-testid="coming-holidays">
              {props.comingHolidays.map((holiday) => (
                <li key={holiday.date} className="flex items-center justify-between gap-3 text-sm">
                  <span>
                    <span className="tabular-nums">{formatDate(holiday.date)}</span> {holiday.name}
                  </span>
                  <label className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={keptOpen(holiday.date)}
                      onChange={(e) => toggleKeepOpen(holiday, e.target.checked)}
                      aria-label={`${t("keepOpen")}: ${holiday.name}`}
                    />
                    {t("keepOpen")}
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
        </CardContent>
      </Card>

      <FormFooter state={state} savedText={t("saved")} saveLabel={t("save")} pending={pending} />
    </form>
  );
}

function IntervalRow({
  label,
  interval,
  path,
  err,
  onChange,
  onRemove,
}: {
  label: string;
  interval: BusinessInterval;
  path: string;
  err: (path: string) => string | undefined;
  onChange: (next: BusinessInterval) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("businessHours");
  const openError = err(`${path}.open`);
  const closeError = err(`${path}.close`) ?? err(path);
  return (
    <div className="grid gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <Input
          aria-label={`${label} ${t("open")}`}
          value={interval.open}
          inputMode="numeric"
          placeholder="09:00"
          className="w-24"
          aria-invalid={openError ? true : undefined}
          onChange={(e) => onChange({ ...interval, open: e.target.value })}
        />
        <span aria-hidden>–</span>
        <Input
          aria-label={`${label} ${t("close")}`}
          value={interval.close}
          inputMode="numeric"
          placeholder="17:00"
          className="w-24"
          aria-invalid={closeError ? true : undefined}
          onChange={(e) => onChange({ ...interval, close: e.target.value })}
        />
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={onRemove}
          aria-label={`${label}: ${t("removeInterval")}`}
        >
          ✕
        </Button>
      </div>
      {openError || closeError ? <p className="text-destructive text-sm">{openError ?? closeError}</p> : null}
    </div>
  );
}

/** The next interval to offer: an hour after the day's last closing, or 09:00–17:00. */
function nextInterval(intervals: BusinessInterval[]): BusinessInterval {
  const last = intervals.at(-1);
  const [h] = (last?.close ?? "16:00").split(":").map(Number);
  const start = Math.min((h ?? 16) + 1, 22);
  return { open: `${String(start).padStart(2, "0")}:00`, close: `${String(start + 1).padStart(2, "0")}:00` };
}

/** "14.05.2026" from "2026-05-14". */
function formatDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}.${m}.${y}`;
}
