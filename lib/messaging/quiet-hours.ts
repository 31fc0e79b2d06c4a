import type { NotificationPreferences } from "../../db/schema/users.ts";
import { addDays, toZonedParts, zonedInstant } from "../dates/time-zone.ts";

/**
 * Minutes until the rep's quiet hours end, 0 outside them. Quiet hours are wall-clock times in the dealership's
 * zone ("22:00"–"07:00"); the end is turned into a real instant with the project's time-zone helper, so a night
 * that spans a DST change holds the message until 07:00 on the clock, not an hour early or late.
 */
export function minutesOfQuietLeft(prefs: NotificationPreferences, timeZone: string, now: Date): number {
  const quiet = prefs.quietHours;
  if (!quiet) return 0;
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  if (start === null || end === null || start === end) return 0;
  const local = toZonedParts(now, timeZone);
  const at = local.minutes;
  const inside = start < end ? at >= start && at < end : at >= start || at < end;
  if (!inside) return 0;
  // The end is today when it is still ahead on today's clock, else tomorrow (a night that began before midnight).
  const endDay = at < end ? local.date : addDays(local.date, 1);
  const until = zonedInstant(endDay, end, timeZone);
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

function toMinutes(hhmm: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes < 1440 ? minutes : null;
}
