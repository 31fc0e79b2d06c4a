"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { subscribeToDealershipEvents } from "@/components/realtime/dealership-event-source";
import { toast } from "@/components/ui/toast";
import { cn } from "@/lib/cn";
import type { DealershipEventJson } from "@/lib/realtime/event-json";

// Several events in a burst (a lead, its message, its assignment) become one refresh.
const REFRESH_DELAY_MS = 200;
// While a message on the page is still on its way out, look again now and then: an event that arrives while a
// server action's own response is in flight can be overtaken by that (older) response.
const SETTLE_INTERVAL_MS = 3_000;
const SETTLE_MAX_TRIES = 10;

/**
 * Keeps a dashboard page current: listens to GET /api/events (Server-Sent Events) and re-renders the page's
 * server components (router.refresh: no reload, scroll and focus stay) when something it shows has changed.
 * With `leadId` only that lead's changes count. A toast announces each new lead. The stream is the tab's shared
 * one (components/realtime), which reconnects with backoff; we refresh once reconnected in case something
 * happened meanwhile. With
 * `settling` (a message still being sent) it also refreshes every few seconds for a while, as a safety net.
 */
export function LiveUpdates({ leadId, settling = false }: { leadId?: string; settling?: boolean }) {
  const t = useTranslations("live");
  const router = useRouter();
  const [state, setState] = useState<"connecting" | "live">("connecting");

  useEffect(() => {
    let pendingRefresh: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      pendingRefresh ??= setTimeout(() => {
        pendingRefresh = undefined;
        router.refresh();
      }, REFRESH_DELAY_MS);
    };
    const concerns = (ids: string[]) => !leadId || ids.includes(leadId);
    const handle = (event: DealershipEventJson) => {
      switch (event.type) {
        case "lead.created":
          for (const lead of event.leads)
            toast({
              title: t("newLead"),
              description: (
                <Link href={`/leads/${lead.id}`} className="underline" data-testid="toast-lead-link">
                  {lead.name ?? t("unknownCustomer")}
                </Link>
              ),
            });
          if (event.count > event.leads.length)
            toast({ title: t("moreLeads", { count: event.count - event.leads.length }) });
          if (!leadId) refresh();
          break;
        case "lead.updated":
          if (concerns([event.lead_id])) refresh();
          break;
        case "message.created":
        case "message.updated":
          if (concerns(event.lead_ids)) refresh();
          break;
        case "resync":
          refresh();
      }
    };
    // The tab's one shared stream (the notification centre listens to it too).
    const unsubscribe = subscribeToDealershipEvents({
      onEvent: handle,
      onState: setState,
      onReconnected: refresh,
    });
    return () => {
      unsubscribe();
      clearTimeout(pendingRefresh);
    };
  }, [leadId, router, t]);

  useEffect(() => {
    if (!settling) return;
    let tries = 0;
    const timer = setInterval(() => {
      if (++tries > SETTLE_MAX_TRIES) clearInterval(timer);
      else router.refresh();
    }, SETTLE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [settling, router]);

  return (
    <span
      role="status"
      className="text-muted-foreground flex items-center gap-1.5 text-xs"
      data-testid="live-status"
      data-state={state}
    >
      <span
        className={cn(
          "size-2 rounded-full",
          state === "live" ? "bg-emerald-500" : "animate-pulse bg-amber-500",
        )}
        aria-hidden
      />
      {t(state)}
    </span>
  );
}
