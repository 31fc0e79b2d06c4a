import { describe, expect, it } from "vitest";
import { resolveNotificationChannels } from "./resolve-notification-channels.ts";

describe("resolveNotificationChannels", () => {
  it("keeps the old behaviour for users who never chose", () => {
    const prefs = { sms: true, email: true };
    expect(resolveNotificationChannels(prefs, "new_lead")).toEqual({ sms: true, email: false });
    expect(resolveNotificationChannels(prefs, "customer_replied")).toEqual({ sms: true, email: true });
    expect(resolveNotificationChannels(prefs, "lead_waiting")).toEqual({ sms: true, email: false });
    expect(resolveNotificationChannels(prefs, "daily_summary")).toEqual({ sms: false, email: true });
    expect(resolveNotificationChannels(null, "new_lead")).toEqual({ sms: true, email: false });
  });

  it("uses the event's own switches", () => {
    const prefs = { sms: true, email: true, events: { new_lead: { sms: false, email: true } } };
    expect(resolveNotificationChannels(prefs, "new_lead")).toEqual({ sms: false, email: true });
  });

  it("lets the master switches override every event", () => {
    const prefs = { sms: false, email: true, events: { new_lead: { sms: true, email: true } } };
    expect(resolveNotificationChannels(prefs, "new_lead")).toEqual({ sms: false, email: true });
    expect(resolveNotificationChannels({ ...prefs, email: false }, "new_lead")).toEqual({
      sms: false,
      email: false,
    });
  });
});
