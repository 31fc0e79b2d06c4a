"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormFooter } from "@/components/forms/form-footer";
import { FormField } from "@/components/forms/form-field";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { updateNotificationPreferencesAction } from "./actions";

type Channels = { sms: boolean; email: boolean };
type NotificationEvent = "new_lead" | "customer_replied" | "lead_waiting" | "daily_summary";
const NOTIFICATION_EVENTS: NotificationEvent[] = [
  "new_lead",
  "customer_replied",
  "lead_waiting",
  "daily_summary",
];
type Props = {
  master: Channels;
  events: Record<NotificationEvent, Channels>;
  quietHours: { start: string; end: string } | null;
  timeZone: string;
  waitingMinutes: number;
};

function Check({ name, label, defaultChecked }: { name: string; label: string; defaultChecked: boolean }) {
  return (
    <label className="inline-flex min-h-9 items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} className="accent-primary size-4" />
      {label}
    </label>
  );
}

/** Master switches, event × channel, quiet hours: one form, one save. */
export function NotificationsForm({ master, events, quietHours, timeZone, waitingMinutes }: Props) {
  const t = useTranslations("myProfile");
  const [state, action] = useActionState(updateNotificationPreferencesAction, null);
  const [quiet, setQuiet] = useState(Boolean(quietHours));
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("notificationsTitle")}</CardTitle>
      </CardHeader>
      <CardContent>
        <form action={action} className="grid gap-5" noValidate data-testid="notifications-form">
          <p className="text-muted-foreground text-sm">{t("notificationsIntro")}</p>
          <fieldset className="grid gap-1">
            <legend className="mb-1 text-sm font-medium">{t("masterHint")}</legend>
            <div className="flex flex-wrap gap-4">
              <Check name="sms" label={t("masterSms")} defaultChecked={master.sms} />
              <Check name="email" label={t("masterEmail")} defaultChecked={master.email} />
            </div>
          </fieldset>
          <div className="grid divide-y rounded-md border">
            {NOTIFICATION_EVENTS.map((event) => (
              <fieldset key={event} className="grid gap-1 p-3 sm:grid-cols-[1fr_auto] sm:items-center">
                <legend className="contents">
                  <span className="text-sm font-medium">{t(`events.${event}`)}</span>
                </legend>
                <p className="text-muted-foreground text-xs sm:col-start-1">
                  {t(`eventHints.${event}`, { minutes: waitingMinutes })}
                </p>
                <div className="flex gap-4 sm:col-start-2 sm:row-span-2 sm:row-start-1">
                  <Check name={`${event}.sms`} label={t("channelSms")} defaultChecked={events[event].sms} />
                  <Check
                    name={`${event}.email`}
                    label={t("channelEmail")}
                    defaultChecked={events[event].email}
                  />
                </div>
              </fieldset>
            ))}
          </div>
          <fieldset className="grid gap-3">
            <legend className="mb-1 text-sm font-medium">{t("quietTitle")}</legend>
            <label className="inline-flex min-h-9 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="quietHoursEnabled"
                checked={quiet}
                onChange={(e) => setQuiet(e.target.checked)}
                className="accent-primary size-4"
              />
              {t("quietEnabled")}
            </label>
            {quiet ? (
              <div className="grid grid-cols-2 gap-3 sm:max-w-xs">
                <FormField
                  label={t("quietStart")}
                  name="quietStart"
                  type="time"
                  defaultValue={quietHours?.start ?? "22:00"}
                  errors={errors?.quietStart}
                />
                <FormField
                  label={t("quietEnd")}
                  name="quietEnd"
                  type="time"
                  defaultValue={quietHours?.end ?? "07:00"}
                  errors={errors?.quietEnd}
                />
              </div>
            ) : null}
            <p className="text-muted-foreground text-xs">{t("quietHint", { timeZone })}</p>
          </fieldset>
          <FormFooter state={state} savedText={t("saved")} saveLabel={t("save")} />
        </form>
      </CardContent>
    </Card>
  );
}
