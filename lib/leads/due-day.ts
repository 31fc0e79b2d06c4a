import { daysBetween, toZonedParts, zonedToday } from "../dates/time-zone.ts";

/** How a due time is named in words: i dag / i morgen / i går, else its date (the dealership's calendar days). */
export function dueDayOf(
  dueAt: Date,
  now: Date,
  timeZone: string,
): "today" | "tomorrow" | "yesterday" | "other" {
  const days = daysBetween(zonedToday(timeZone, now), toZonedParts(dueAt, timeZone).date);
  return days === 0 ? "today" : days === 1 ? "tomorrow" : days === -1 ? "yesterday" : "other";
}
