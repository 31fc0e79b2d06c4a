import {
  findClosingTime,
  findNextOpening,
  getDayHours,
  isOpenAt,
  type HoursConfig,
} from "../business-hours/opening-hours.ts";
import { daysBetween, resolveTimeZone, toZonedParts } from "../dates/time-zone.ts";

/*
 * The responder's words for the opening hours. The questions (open now, next opening, closing) are answered by
 * lib/business-hours in the dealership's zone; this file only phrases them in Norwegian.
 */

const DAY_NAMES = ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"];
const MINUTE_MS = 60_000;
/** Minutes before closing when "i løpet av kort tid" is no longer an honest promise: we name the next opening. */
export const LAST_CALL_MINUTES = 15;
const SHORTLY = "i løpet av kort tid";
/** Said when the dealership has no opening hours at all. */
export const NO_HOURS_PHRASE = "så snart som mulig";

export { isOpenAt, resolveTimeZone };

/**
 * When a salesperson will call, as Norwegian words that fit after "ringer deg": "i løpet av kort tid" while open,
 * else the next opening: "i dag fra kl. 10.00", "i morgen fra kl. 08.00", "på mandag fra kl. 09.00". In the last
 * minutes before closing the next opening is named instead, because nobody will call before the doors close;
 * minutes before opening (or a closing that is only a short gap before the next opening) still count as "kort tid".
 */
export function describeWhenWeCall(now: Date, config: HoursConfig): string {
  const within = (from: Date, to: Date) => to.getTime() - from.getTime() <= LAST_CALL_MINUTES * MINUTE_MS;
  const closing = findClosingTime(config, now);
  if (closing && !within(now, closing)) return SHORTLY;
  const next = findNextOpening(config, closing ?? now);
  if (!next) return closing ? SHORTLY : NO_HOURS_PHRASE;
  if (within(now, next) || (closing && within(closing, next))) return SHORTLY;
  const { days, weekday, clock } = describeDay(now, next, config.timeZone);
  if (days === 0) return `i dag fra ${clock}`;
  if (days === 1) return `i morgen fra ${clock}`;
  if (days < 7) return `på ${weekday} fra ${clock}`;
  if (days < 14) return `neste ${weekday} fra ${clock}`;
  return `${formatDate(next, config.timeZone)} fra ${clock}`;
}

/** The next opening while closed, for the AI's context: "i dag kl. 10.00", "i morgen kl. 08.00", "mandag kl. 09.00". */
export function describeNextOpening(now: Date, config: HoursConfig): string | null {
  const next = findNextOpening(config, now);
  if (!next) return null;
  const { days, weekday, clock } = describeDay(now, next, config.timeZone);
  const when =
    days === 0
      ? "i dag"
      : days === 1
        ? "i morgen"
        : days < 7
          ? weekday
          : days < 14
            ? `neste ${weekday}`
            : formatDate(next, config.timeZone);
  return `${when} ${clock}`;
}

/**
 * Why the dealership is closed all of today, when a holiday or a special day is the reason and it is closed now:
 * `{ name: "Kristi himmelfartsdag" }`, `{ name: null }` for a closed special day without a note; else null.
 */
export function describeClosedToday(now: Date, config: HoursConfig): { name: string | null } | null {
  const today = getDayHours(config, toZonedParts(now, config.timeZone).date);
  if (!today.exception || today.intervals.length > 0) return null;
  return { name: today.exception.name };
}

function describeDay(now: Date, then: Date, timeZone: string) {
  const from = toZonedParts(now, timeZone);
  const to = toZonedParts(then, timeZone);
  return {
    days: daysBetween(from.date, to.date),
    weekday: DAY_NAMES[to.weekday]!,
    clock: `kl. ${pad(Math.floor(to.minutes / 60))}.${pad(to.minutes % 60)}`,
  };
}

/** "torsdag 14. mai" */
function formatDate(instant: Date, timeZone: string): string {
  return norwegianFormat("date", timeZone).format(instant);
}

/** "mandag 30. november 2026 kl. 12.15" in the zone's local time. */
export function formatLongNorwegian(instant: Date, timeZone: string): string {
  return norwegianFormat("long", timeZone)
    .format(instant)
    .replace(/(\d{2}):(\d{2})/, "$1.$2");
}

const FORMATS = {
  date: { weekday: "long", day: "numeric", month: "long" },
  long: {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
// Building a DateTimeFormat costs far more than formatting with one, and every reply formats the time: one per
// format and zone (zones are checked by resolveTimeZone, so the map stays as small as the zones in use).
const formatters = new Map<string, Intl.DateTimeFormat>();

function norwegianFormat(kind: keyof typeof FORMATS, timeZone: string): Intl.DateTimeFormat {
  const zone = resolveTimeZone(timeZone);
  const key = `${kind} ${zone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("nb-NO", { ...FORMATS[kind], timeZone: zone });
    formatters.set(key, formatter);
  }
  return formatter;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
