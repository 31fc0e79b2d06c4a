import { getFormatter, getTranslations } from "next-intl/server";
import { dueDayOf } from "@/lib/leads/due-day";
import { nextActionOf, type NextActionInput, type NextActionKind } from "@/lib/leads/next-action";
import { requestedCallAtOf } from "@/lib/leads/requested-call-at";

export type NextActionView = { kind: NextActionKind; label: string; overdue: boolean; dueIso: string | null };

/**
 * The next action written out ("Ring kunden · i morgen 10:00"), for the inbox rows and the lead header alike.
 * Server-side: the dealership's zone and the clock of the request, so the client shows what it was sent. The
 * customer's own words give "Ring kunden" its due time when they asked for a call at a time.
 */
export async function nextActionDescriber(timeZone: string, now = new Date()) {
  const t = await getTranslations("nextAction");
  const format = await getFormatter();
  return (
    lead: NextActionInput & { vehicleInterest: string | null; initialMessage: string | null },
  ): NextActionView => {
    let action = nextActionOf(lead, now);
    // Read the customer's words only for an untasked call (the one case they change).
    if (action.kind === "call" && !action.dueAt)
      action = nextActionOf({ ...lead, requestedCallAt: requestedCallAtOf(lead, timeZone) }, now);
    const label = t(`kind.${action.kind}`);
    if (!action.dueAt) return { kind: action.kind, label, overdue: false, dueIso: null };
    const time = format.dateTime(action.dueAt, { hour: "2-digit", minute: "2-digit" });
    const day = dueDayOf(action.dueAt, now, timeZone);
    const date = format.dateTime(action.dueAt, { weekday: "short", day: "numeric", month: "short" });
    return {
      kind: action.kind,
      label: t("withDue", { label, due: t(`due.${day}`, { time, date }) }),
      overdue: action.overdue,
      dueIso: action.dueAt.toISOString(),
    };
  };
}
