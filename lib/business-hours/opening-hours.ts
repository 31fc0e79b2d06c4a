import type { BusinessHours, SpecialDay, Weekday } from "../../db/schema/dealerships.ts";
import { addDays, resolveTimeZone, toZonedParts, weekdayOf, zonedInstant } from "../dates/time-zone.ts";
import { findPublicHoliday } from "./public-holidays.ts";

/*
 * The dealership's opening hours as one domain: the weekly intervals, special days and (when observed) Norway's
 * public holidays, read in the dealership's zone. Every reader — the responder (open now, when we call, next
 * opening), rep notifications and later follow-ups — asks these functions, never the raw columns.
 */

/** Everything that decides when a dealership is open. */
export type HoursConfig = {
  weekly: BusinessHours;
  /** IANA zone; an unknown one is read as Europe/Oslo. */
  timeZone: string;
  specialDays?: SpecialDay[];
  /** Public holidays count as closed unless a special day on that date says otherwise. */
  observePublicHolidays?: boolean;
};

/** A day's opening in minutes since local midnight, [open, close). */
export type MinuteInterval = { open: number; close: number };

/** A date's hours and why they differ from the week's, when they do. */
export type DayHours = {
  date: string;
  intervals: MinuteInterval[];
  /** "holiday": a public holiday (closed); "special": the dealership's own special day. */
  exception: { kind: "holiday" | "special"; name: string | null } | null;
};

export const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const BY_JS_DAY: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DAY_MINUTES = 24 * 60;
/** How far ahead a next opening is looked for: a month's holiday closing plus a week. */
const SEARCH_DAYS = 45;

/** The configuration from a dealership row (or anything with its columns). */
export function hoursConfigOf(dealership: {
  businessHours: BusinessHours;
  timezone: string;
  specialDays?: SpecialDay[] | null;
  observePublicHolidays?: boolean | null;
}): HoursConfig {
  return {
    weekly: dealership.businessHours,
    timeZone: dealership.timezone,
    specialDays: dealership.specialDays ?? [],
    observePublicHolidays: dealership.observePublicHolidays ?? true,
  };
}

/** The hours of one local date (YYYY-MM-DD): a special day wins over a public holiday, which wins over the week. */
export function getDayHours(config: HoursConfig, date: string): DayHours {
  const special = config.specialDays?.find((d) => d.date === date);
  if (special) {
    return {
      date,
      intervals: parseIntervals(special.hours),
      exception: { kind: "special", name: special.note?.trim() || null },
    };
  }
  const holiday = config.observePublicHolidays ? findPublicHoliday(date) : null;
  if (holiday) return { date, intervals: [], exception: { kind: "holiday", name: holiday.name } };
  const weekday = BY_JS_DAY[weekdayOf(date)]!;
  return { date, intervals: parseIntervals(config.weekly?.[weekday]), exception: null };
}

/** Whether the dealership is open at `at`: from an opening minute (inclusive) to its closing minute (exclusive). */
export function isOpenAt(config: HoursConfig, at: Date): boolean {
  return findCurrentInterval(config, at) !== null;
}

/** The earliest moment at or after `from` when the dealership is open (`from` itself when open); null if never. */
export function findNextOpening(config: HoursConfig, from: Date): Date | null {
  if (isOpenAt(config, from)) return from;
  const timeZone = resolveTimeZone(config.timeZone);
  const today = toZonedParts(from, timeZone).date;
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const { date, intervals } = getDayHours(config, addDays(today, offset));
    for (const interval of intervals) {
      const opening = zonedInstant(date, interval.open, timeZone);
      if (opening.getTime() > from.getTime()) return opening;
    }
  }
  return null;
}

/** When the current opening interval ends, or null when closed at `at`. */
export function findClosingTime(config: HoursConfig, at: Date): Date | null {
  const current = findCurrentInterval(config, at);
  return current
    ? zonedInstant(current.date, current.interval.close, resolveTimeZone(config.timeZone))
    : null;
}

function findCurrentInterval(config: HoursConfig, at: Date) {
  const local = toZonedParts(at, resolveTimeZone(config.timeZone));
  const day = getDayHours(config, local.date);
  const interval = day.intervals.find((i) => local.minutes >= i.open && local.minutes < i.close);
  return interval ? { date: local.date, interval } : null;
}

/** A day's intervals in minutes, sorted; unparseable or empty ones dropped. "24:00" or "00:00" closes at midnight. */
export function parseIntervals(
  intervals: { open: string; close: string }[] | null | undefined,
): MinuteInterval[] {
  if (!Array.isArray(intervals)) return [];
  return intervals
    .map((interval) => {
      const open = parseClock(interval?.open);
      let close = parseClock(interval?.close);
      if (close === 0) close = DAY_MINUTES;
      return open !== null && close !== null && close > open ? { open, close } : null;
    })
    .filter((i): i is MinuteInterval => i !== null)
    .sort((a, b) => a.open - b.open);
}

/** "09:00" or "9.00" → 540; null when not a clock time. "24:00" is 1440. */
export function parseClock(value: string | undefined): number | null {
  const match = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(value ?? "");
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= DAY_MINUTES ? minutes : null;
}
