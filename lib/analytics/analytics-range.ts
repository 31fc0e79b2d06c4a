// Client-safe (no zod, no server code): the range picker and the page share these.
import { addDays, daysBetween, zonedToday } from "../dates/time-zone.ts";

export const ANALYTICS_PRESETS = ["today", "7d", "30d", "90d", "this_month", "last_month", "custom"] as const;
export type AnalyticsPreset = (typeof ANALYTICS_PRESETS)[number];
export type DayRange = { from: string; to: string };

const DAYS_BACK = { today: 0, "7d": 6, "30d": 29, "90d": 89 } as const;

/**
 * A preset as calendar days (both inclusive) in the dealership's zone, e.g. "30d" on 3 December = 4 November …
 * 3 December. "this_month" runs to today; "custom" uses `custom` when given, else the last 30 days.
 */
export function resolvePresetRange(
  preset: AnalyticsPreset,
  timeZone: string,
  now = new Date(),
  custom?: Partial<DayRange>,
): DayRange {
  const today = zonedToday(timeZone, now);
  const firstOfMonth = `${today.slice(0, 8)}01`;
  switch (preset) {
    case "this_month":
      return { from: firstOfMonth, to: today };
    case "last_month": {
      const to = addDays(firstOfMonth, -1);
      return { from: `${to.slice(0, 8)}01`, to };
    }
    case "custom":
      if (custom?.from && custom.to) return { from: custom.from, to: custom.to };
      return { from: addDays(today, -29), to: today };
    default:
      return { from: addDays(today, -DAYS_BACK[preset]), to: today };
  }
}

/** The comparison period: as many days, ending the day before `range` starts. */
export function previousRange(range: DayRange): DayRange {
  const length = daysBetween(range.from, range.to) + 1;
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** Every calendar day of the range, in order (for a per-day chart with no gaps). */
export function daysOf(range: DayRange): string[] {
  const n = daysBetween(range.from, range.to) + 1;
  return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(range.from, i));
}
