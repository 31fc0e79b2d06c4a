import { addDays, toZonedParts, weekdayOf, zonedInstant } from "../dates/time-zone.ts";
import type { RequestedTime } from "../responder/lead-facts.ts";
import { readRequestedCallback } from "../responder/read-lead.ts";

// Client-safe (no database code): pure text reading and calendar arithmetic.

/** A part of the day without a clock time starts here (minutes past midnight): formiddag 09, ettermiddag 12, kveld 17. */
const PART_OF_DAY_START = { morning: 9 * 60, afternoon: 12 * 60, evening: 17 * 60 } as const;
/** A day without any time of day ("ring meg på lørdag"): the start of a usual opening day. */
const DAY_ONLY_START = 9 * 60;
const WEEKDAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const;

/**
 * The instant a requested call time ("i kveld etter kl. 18", "på lørdag kl. 11", "mellom 16 og 18") begins, read in
 * the dealership's zone relative to when the customer wrote: "i morgen" is the day after the message, a weekday is
 * the next such day on or after it, "til helga" the next Saturday (or that Sunday). A time of the same day that had
 * passed when they wrote is due at once. A window starts at its lower bound; "før 12"
 * alone is due at 12:00. A clock time with no day that had already passed when the customer wrote is the next day.
 * Null when nothing usable was asked.
 */
export function resolveRequestedTime(time: RequestedTime, writtenAt: Date, timeZone: string): Date | null {
  const written = toZonedParts(writtenAt, timeZone);
  const clock =
    time.at ?? time.after ?? time.before ?? (time.partOfDay ? PART_OF_DAY_START[time.partOfDay] : null);
  if (time.day === null && clock === null) return null;
  const minutes = Math.min(clock ?? DAY_ONLY_START, 1439);
  let day = written.date;
  if (time.day === "tomorrow") day = addDays(day, 1);
  else if (time.day === "weekend") day = nextWeekday(day, WEEKDAYS.sat, written.weekday === 0);
  else if (time.day && time.day !== "today") {
    day = nextWeekday(day, WEEKDAYS[time.day], false);
    // "på lørdag kl. 11", written on a Saturday afternoon: next Saturday.
    if (day === written.date && minutes <= written.minutes) day = addDays(day, 7);
  } else if (time.day === null && minutes <= written.minutes) day = addDays(day, 1);
  const due = zonedInstant(day, minutes, timeZone);
  // "ring meg i dag" (or "i kveld", written at 19:30): as soon as they wrote, not before.
  return due.getTime() < writtenAt.getTime() ? writtenAt : due;
}

function nextWeekday(from: string, weekday: number, stayOnSunday: boolean): string {
  if (stayOnSunday) return from;
  return addDays(from, (weekday - weekdayOf(from) + 7) % 7);
}

/**
 * When the customer asked to be called, as an instant (the "Ring kunden" next action's due time), read from the
 * lead's own words the way the responders read them (lib/responder/read-lead.ts). Null when they did not ask for a
 * call or gave no time.
 */
export function requestedCallAtOf(
  lead: { vehicleInterest: string | null; initialMessage: string | null; createdAt: Date },
  timeZone: string,
): Date | null {
  if (!lead.vehicleInterest?.trim() && !lead.initialMessage?.trim()) return null;
  const callback = readRequestedCallback({
    vehicleInterest: lead.vehicleInterest,
    message: lead.initialMessage,
  });
  return callback ? resolveRequestedTime(callback, lead.createdAt, timeZone) : null;
}
