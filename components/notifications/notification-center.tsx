"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { subscribeToDealershipEvents } from "@/components/realtime/dealership-event-source";
import { registerServiceWorker, showBrowserNotification } from "./browser-notifications";
import { setUnreadBadge } from "./favicon-badge";

type Waiting = { id: string; name: string | null; kind: "new" | "reply"; at: string };

// A burst of events (a lead, its message, its assignment) becomes one look.
const LOOK_DELAY_MS = 300;

/**
 * In the dashboard layout, on every page: keeps the tab title and favicon showing how many of my leads wait for an
 * answer, and — when this device opted in and the tab is not in front — shows a browser notification for each new
 * lead assigned to me and each customer reply. It listens to the tab's shared live-update stream and asks
 * GET /api/notifications what changed; the first answer only sets the count (nothing old is announced).
 */
export function NotificationCenter() {
  const t = useTranslations("notifications");
  useEffect(() => {
    void registerServiceWorker();
    let seen: Set<string> | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const look = async () => {
      const res = await fetch("/api/notifications", { cache: "no-store" }).catch(() => null);
      if (!res?.ok || stopped) return;
      const { leads } = (await res.json()) as { waiting: number; leads: Waiting[] };
      await setUnreadBadge(leads.length);
      const keys = leads.map((l) => `${l.id}@${l.at}`);
      const fresh = seen ? leads.filter((_, i) => !seen!.has(keys[i]!)) : [];
      seen = new Set([...(seen ?? []), ...keys]);
      const inFront = document.visibilityState === "visible" && document.hasFocus();
      if (inFront) return;
      for (const lead of fresh)
        await showBrowserNotification(lead.kind === "new" ? t("newLeadTitle") : t("replyTitle"), {
          body: lead.name ?? t("unknownCustomer"),
          url: `/leads/${lead.id}`,
          tag: `lead-${lead.id}`,
        });
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void look(), LOOK_DELAY_MS);
    };
    void look();
    const unsubscribe = subscribeToDealershipEvents({ onEvent: soon, onReconnected: soon });
    // Reading a lead (or answering it) changes the count: look again when the tab comes back to the front.
    document.addEventListener("visibilitychange", soon);
    window.addEventListener("focus", soon);
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      document.removeEventListener("visibilitychange", soon);
      window.removeEventListener("focus", soon);
    };
  }, [t]);
  return null;
}
