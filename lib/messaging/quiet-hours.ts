import type { NotificationPreferences } from "../../db/schema/users.ts";

/**
 * Minutes until the rep's quiet hours end, 0 outside them. Local wall-clock minutes in the dealership's zone;
 * across a DST switch the hold may be an hour off, which is fine for "not at night".
 */
export function minutesOfQuietLeft(prefs: NotificationPreferences, timeZone: string, now: Date): number {
  const quiet = prefs.quietHours;
  if (!quiet) return 0;
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  if (start === null || end === null || start === end) return 0;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const at =
    Number(parts.find((p) => p.type === "hour")!.value) * 60 +
    Number(parts.find((p) => p.type === "minute")!.value);
  const inside = start < end ? at >= start && at < end : at >= start || at < end;
  return inside ? (end - at + 1440) % 1440 : 0;
}

function toMinutes(hhmm: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes < 1440 ? minutes : null;
}
