import type { NotificationEvent, NotificationPreferences } from "../../db/schema/users.ts";

export type Channels = { sms: boolean; email: boolean };

/**
 * What an event sends when the user never chose: what the app did before My profile existed (a new lead and a
 * waiting lead by SMS, a customer's reply by SMS and e-mail) and the daily summary by e-mail only, so nobody's
 * phone fills up with summaries they did not ask for.
 */
export const DEFAULT_EVENT_CHANNELS: Record<NotificationEvent, Channels> = {
  new_lead: { sms: true, email: false },
  customer_replied: { sms: true, email: true },
  lead_waiting: { sms: true, email: false },
  daily_summary: { sms: false, email: true },
};

/** The channels an event goes out on for this user: the event's own switches, under the master switches. */
export function resolveNotificationChannels(
  prefs: NotificationPreferences | null | undefined,
  event: NotificationEvent,
): Channels {
  const chosen = prefs?.events?.[event] ?? DEFAULT_EVENT_CHANNELS[event];
  return {
    sms: Boolean(prefs?.sms ?? true) && chosen.sms,
    email: Boolean(prefs?.email ?? true) && chosen.email,
  };
}

/** Every event with its effective switches (the form shows the stored choice or the default). */
export function eventChoices(
  prefs: NotificationPreferences | null | undefined,
): Record<NotificationEvent, Channels> {
  const choice = (event: NotificationEvent) => prefs?.events?.[event] ?? DEFAULT_EVENT_CHANNELS[event];
  return {
    new_lead: choice("new_lead"),
    customer_replied: choice("customer_replied"),
    lead_waiting: choice("lead_waiting"),
    daily_summary: choice("daily_summary"),
  };
}
