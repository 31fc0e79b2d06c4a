import { TZDate } from "@date-fns/tz";

/*
 * The one time-zone helper of the project. Wall-clock questions ("what day and time is it in Oslo", "when is
 * 09:00 on 29 March in Oslo") go through @date-fns/tz, which reads the zone's rules from Intl and gets the DST
 * weekends right: a wall-clock time that does not exist (02:30 on the spring-forward night) moves forward to the
 * first real minute, an ambiguous one (02:30 on the fall-back night) is read once.
 */

/** A calendar date in a zone, its weekday (0 = Sunday) and the minutes past local midnight. */
export type ZonedParts = {
  date: string;
  year: number;
  month: number;
  day: number;
  weekday: number;
  minutes: number;
};

const DAY_MS = 86_400_000;
const validZones = new Map<string, boolean>();

/** A zone Intl knows, else Europe/Oslo: a typo in the settings must not cost the customer the reply. */
export function resolveTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "Europe/Oslo";
  let valid = validZones.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
      valid = true;
    } catch {
      valid = false;
    }
    validZones.set(timeZone, valid);
  }
  return valid ? timeZone : "Europe/Oslo";
}

/** The local calendar date, weekday and minutes past midnight of `instant` in `timeZone`. */
export function toZonedParts(instant: Date, timeZone: string): ZonedParts {
  const local = new TZDate(instant.getTime(), resolveTimeZone(timeZone));
  const [year, month, day] = [local.getFullYear(), local.getMonth() + 1, local.getDate()];
  return {
    date: formatDate(year, month, day),
    year,
    month,
    day,
    weekday: local.getDay(),
    minutes: local.getHours() * 60 + local.getMinutes(),
  };
}

/**
 * The instant when the clock in `timeZone` shows `minutes` past midnight on `day` (YYYY-MM-DD). 1440 is the next
 * midnight. A time skipped by the spring-forward change is read as the first minute after it.
 */
export function zonedInstant(day: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = parseDate(day);
  const instant = new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, resolveTimeZone(timeZone));
  return new Date(instant.getTime());
}

/**
 * The instant a calendar day (YYYY-MM-DD) begins in `timeZone`: a rep in Oslo filtering "from 1 March" means
 * midnight in Oslo, not in UTC.
 */
export function startOfZonedDay(day: string, timeZone: string): Date {
  return zonedInstant(day, 0, timeZone);
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function zonedToday(timeZone: string, now = new Date()): string {
  return toZonedParts(now, timeZone).date;
}

/** `day` plus `days` calendar days (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = parseDate(day);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [parseDate(from), parseDate(to)];
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / DAY_MS);
}

/** The weekday (0 = Sunday) of a calendar date. */
export function weekdayOf(day: string): number {
  const [y, m, d] = parseDate(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = parseDate(value);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseDate(day: string): [number, number, number] {
  return day.split("-").map(Number) as [number, number, number];
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
