import type { BusinessHours } from "../../db/schema/dealerships.ts";

/*
 * Opening hours are wall-clock times in the dealership's zone, so every question is answered in that zone with
 * Intl alone: the instant is read as a local date and time, and a local opening time is turned back into an
 * instant with the zone's offset on that very day. That keeps the answers right across the DST weekends.
 */

type DayKey = keyof BusinessHours;
type LocalTime = { year: number; month: number; day: number; weekday: number; minutes: number };

const DAY_KEYS: DayKey[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DAY_NAMES = ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"];
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
/** Minutes before closing when "i løpet av kort tid" is no longer an honest promise: we name the next opening. */
export const LAST_CALL_MINUTES = 15;
const SHORTLY = "i løpet av kort tid";
/** Said when the dealership has no opening hours at all. */
export const NO_HOURS_PHRASE = "så snart som mulig";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the dealership is open at `now`: from the opening minute (inclusive) to the closing minute (exclusive). */
export function isOpenAt(now: Date, hours: BusinessHours, timeZone: string): boolean {
  const local = toLocalTime(now, resolveTimeZone(timeZone));
  const slot = getSlot(hours, local.weekday);
  return slot !== null && local.minutes >= slot.open && local.minutes < slot.close;
}

/** The earliest moment at or after `now` when the dealership is open (`now` itself when open); null if never. */
export function findNextOpening(now: Date, hours: BusinessHours, timeZone: string): Date | null {
  timeZone = resolveTimeZone(timeZone);
  if (isOpenAt(now, hours, timeZone)) return now;
  const today = toLocalTime(now, timeZone);
  // Eight days, so a dealership open one day a week is found again after today's hours have passed.
  for (let offset = 0; offset <= 7; offset++) {
    const date = addDays(today, offset);
    const slot = getSlot(hours, date.weekday);
    if (!slot) continue;
    const opening = toInstant(date, slot.open, timeZone);
    if (opening.getTime() > now.getTime()) return opening;
  }
  return null;
}

/**
 * When a salesperson will call, as Norwegian words that fit after "ringer deg": "i løpet av kort tid" while open,
 * else the next opening: "i dag fra kl. 10.00", "i morgen fra kl. 08.00", "på mandag fra kl. 09.00". In the last
 * minutes before closing the next opening is named instead, because nobody will call before the doors close;
 * minutes before opening (or a closing that is only a gap before the next opening) still count as "kort tid".
 */
export function describeWhenWeCall(now: Date, hours: BusinessHours, timeZone: string): string {
  const zone = resolveTimeZone(timeZone);
  const within = (from: Date, to: Date) => to.getTime() - from.getTime() <= LAST_CALL_MINUTES * MINUTE_MS;
  const closing = findClosingTime(now, hours, zone);
  if (closing && !within(now, closing)) return SHORTLY;
  const next = findNextOpening(closing ?? now, hours, zone);
  if (!next) return closing ? SHORTLY : NO_HOURS_PHRASE;
  if (within(now, next) || (closing && within(closing, next))) return SHORTLY;
  const { days, weekday, clock } = describeDay(now, next, zone);
  if (days === 0) return `i dag fra ${clock}`;
  if (days === 1) return `i morgen fra ${clock}`;
  if (days < 7) return `på ${weekday} fra ${clock}`;
  return `neste ${weekday} fra ${clock}`;
}

/** The next opening while closed, for the AI's context: "i dag kl. 10.00", "i morgen kl. 08.00", "mandag kl. 09.00". */
export function describeNextOpening(now: Date, hours: BusinessHours, timeZone: string): string | null {
  const zone = resolveTimeZone(timeZone);
  const next = findNextOpening(now, hours, zone);
  if (!next) return null;
  const { days, weekday, clock } = describeDay(now, next, zone);
  const when = days === 0 ? "i dag" : days === 1 ? "i morgen" : days < 7 ? weekday : `neste ${weekday}`;
  return `${when} ${clock}`;
}

function describeDay(now: Date, then: Date, zone: string) {
  const from = toLocalTime(now, zone);
  const to = toLocalTime(then, zone);
  return {
    days: Math.round(dayNumber(to) - dayNumber(from)),
    weekday: DAY_NAMES[to.weekday]!,
    clock: `kl. ${pad(Math.floor(to.minutes / 60))}.${pad(to.minutes % 60)}`,
  };
}

/** A zone Intl knows, else Europe/Oslo: a typo in the settings must not cost the customer the reply. */
export function resolveTimeZone(timeZone: string): string {
  try {
    getFormatter(timeZone);
    return timeZone;
  } catch {
    return "Europe/Oslo";
  }
}

/** When the current opening period ends, or null when closed now. */
function findClosingTime(now: Date, hours: BusinessHours, timeZone: string): Date | null {
  if (!isOpenAt(now, hours, timeZone)) return null;
  const local = toLocalTime(now, timeZone);
  return toInstant(local, getSlot(hours, local.weekday)!.close, timeZone);
}

/** A day's hours in minutes since local midnight; null when closed or unparseable. "24:00" or "00:00" closes at midnight. */
function getSlot(
  hours: BusinessHours | null | undefined,
  weekday: number,
): { open: number; close: number } | null {
  const slot = hours?.[DAY_KEYS[weekday]!];
  if (!slot) return null;
  const open = parseClock(slot.open);
  let close = parseClock(slot.close);
  if (close === 0) close = DAY_MINUTES;
  if (open === null || close === null || close <= open) return null;
  return { open, close };
}

function parseClock(value: string | undefined): number | null {
  const match = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(value ?? "");
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= DAY_MINUTES ? minutes : null;
}

/** "mandag 30. november 2026 kl. 12.15" in the zone's local time (the zone must be valid: see resolveTimeZone). */
export function formatLongNorwegian(instant: Date, timeZone: string): string {
  return getFormatter(timeZone, "nb-long")
    .format(instant)
    .replace(/(\d{2}):(\d{2})/, "$1.$2");
}

/** The local calendar date, weekday (0 = Sunday) and minutes past midnight of `instant` in `timeZone`. */
export function toLocalTime(instant: Date, timeZone: string): LocalTime {
  const parts = getFormatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const [year, month, day] = [get("year"), get("month"), get("day")];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, weekday, minutes: get("hour") * 60 + get("minute") };
}

/** The instant when the local clock in `timeZone` shows `minutes` past midnight on `date`. */
function toInstant(date: LocalTime, minutes: number, timeZone: string): Date {
  const wallClock = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // The offset at the wall-clock reading is a first guess; re-reading it at the guess settles a DST change.
  let instant = wallClock - offsetAt(wallClock, timeZone);
  instant = wallClock - offsetAt(instant, timeZone);
  return new Date(instant);
}

/** How far the zone's clock is ahead of UTC at `instant`, in ms (+3 600 000 for Oslo in winter). */
function offsetAt(instant: number, timeZone: string): number {
  const local = toLocalTime(new Date(instant), timeZone);
  const wallClock = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
  return wallClock - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
}

function addDays(date: LocalTime, days: number): LocalTime {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    minutes: 0,
  };
}

function dayNumber(date: LocalTime): number {
  return Date.UTC(date.year, date.month - 1, date.day) / (DAY_MINUTES * MINUTE_MS);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Intl formatters are costly to build (~0.3 ms); every reply needs the same few per zone. */
function getFormatter(timeZone: string, style: "parts" | "nb-long" = "parts"): Intl.DateTimeFormat {
  const key = `${style}:${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter =
      style === "parts"
        ? new Intl.DateTimeFormat("en-US", {
            timeZone,
            year: "numeric",
            month: "numeric",
            day: "numeric",
            hour: "numeric",
            minute: "numeric",
            hourCycle: "h23",
          })
        : new Intl.DateTimeFormat("nb-NO", {
            timeZone,
            weekday: "long",
            day: "numeric",
            month: "long",
            year: "numeric",
            hour: "2-digit",
            minute: "2-digit",
          });
    formatters.set(key, formatter);
  }
  return formatter;
}
