import { describe, expect, it } from "vitest";
import { notificationPreferencesInput, updateNameInput } from "./schemas.ts";
import { toNotificationPreferences } from "./update-notification-preferences.ts";

describe("My profile schemas", () => {
  it("names: letters of any language, not markup, emoji or direction marks", () => {
    expect(updateNameInput.safeParse({ name: "Ærlige Øystein Åsmund-Ødegård" }).success).toBe(true);
    expect(updateNameInput.safeParse({ name: "Nguyễn Thị" }).success).toBe(true);
    for (const name of ["<b>x</b>", "Ola 🚗", "Ola\u202E", "", "a".repeat(101), 42])
      expect(updateNameInput.safeParse({ name }).success).toBe(false);
  });

  it("notification form: missing checkboxes are off; quiet hours only when switched on", () => {
    const parsed = notificationPreferencesInput.parse({ sms: "on", "new_lead.sms": "on" });
    expect(toNotificationPreferences(parsed)).toEqual({
      sms: true,
      email: false,
      events: {
        new_lead: { sms: true, email: false },
        customer_replied: { sms: false, email: false },
        lead_waiting: { sms: false, email: false },
        daily_summary: { sms: false, email: false },
      },
      quietHours: null,
    });
    expect(notificationPreferencesInput.safeParse({ sms: "yes please" }).success).toBe(false);
  });
});
