"use client";

import { Bell, BellOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import {
  OPT_IN_CHANGED,
  notificationSupport,
  turnOffBrowserNotifications,
  turnOnBrowserNotifications,
  type NotificationSupport,
} from "./browser-notifications";

const subscribe = (onChange: () => void) => {
  window.addEventListener(OPT_IN_CHANGED, onChange);
  return () => window.removeEventListener(OPT_IN_CHANGED, onChange);
};

/** Settings → Min profil: turn browser notifications on or off for this device. */
export function BrowserNotificationsCard() {
  const t = useTranslations("notifications");
  const support = useSyncExternalStore<NotificationSupport | "loading">(
    subscribe,
    notificationSupport,
    () => "loading",
  );
  return (
    <section className="rounded-xl border p-6" aria-labelledby="browser-notifications-heading">
      <h3 id="browser-notifications-heading" className="font-semibold">
        {t("deviceTitle")}
      </h3>
      <p className="text-muted-foreground mt-1 text-sm">{t("deviceIntro")}</p>
      <p
        className="mt-3 text-sm"
        role="status"
        data-testid="browser-notifications-state"
        data-state={support}
      >
        {support === "loading" ? "" : t(`state.${support}`)}
      </p>
      <div className="mt-3">
        {support === "off" ? (
          <Button type="button" onClick={() => void turnOnBrowserNotifications()}>
            <Bell className="size-4" aria-hidden />
            {t("turnOn")}
          </Button>
        ) : support === "on" ? (
          <Button type="button" variant="outline" onClick={turnOffBrowserNotifications}>
            <BellOff className="size-4" aria-hidden />
            {t("turnOff")}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
