import { findNextOpening, type HoursConfig } from "../business-hours/opening-hours.ts";
import { addDays, resolveTimeZone, toZonedParts, zonedInstant } from "../dates/time-zone.ts";

/**
 * When a follow-up `delayDays` after `anchor` goes out: the same wall-clock time that many calendar days later in
 * the dealership's zone (a DST change in between keeps 10:00 at 10:00), moved to the next opening when the
 * dealership is closed then (night, closed day, holiday). Null when it never opens again within the search window.
 */
export function computeDueAt(config: HoursConfig, anchor: Date, delayDays: number): Date | null {
  const timeZone = resolveTimeZone(config.timeZone);
  const local = toZonedParts(anchor, timeZone);
  const candidate = zonedInstant(addDays(local.date, delayDays), local.minutes, timeZone);
  return findNextOpening(config, candidate);
}
