import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from "../../db/schema/dealerships.ts";
import { findNextOpening, isOpenAt, type HoursConfig } from "../business-hours/opening-hours.ts";
import { describeNextOpening, describeWhenWeCall } from "./business-hours.ts";

// DEFAULT_BUSINESS_HOURS: Mon–Fri 09–17 (Thu to 19), Sat 10–15, Sun closed.
const OSLO = "Europe/Oslo";
const WEEKDAYS_AT_EIGHT: BusinessHours = {
  mon: [{ open: "08:00", close: "16:00" }],
  tue: [{ open: "08:00", close: "16:00" }],
  wed: [{ open: "08:00", close: "16:00" }],
  thu: [{ open: "08:00", close: "16:00" }],
  fri: [{ open: "08:00", close: "16:00" }],
  sat: [],
  sun: [],
};
const CLOSED: BusinessHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const MONDAYS_ONLY: BusinessHours = { ...CLOSED, mon: [{ open: "09:00", close: "17:00" }] };
const SUNDAY_NOON: BusinessHours = { ...CLOSED, sun: [{ open: "12:00", close: "16:00" }] };
// The integration tests' "always open" dealership: every day 00:00–23:59, one minute's gap at midnight.
const ROUND_THE_CLOCK = Object.fromEntries(
  (["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const).map((day) => [
    day,
    [{ open: "00:00", close: "23:59" }],
  ]),
) as BusinessHours;

/** The weekly hours alone (public holidays are tested in lib/business-hours). */
const cfg = (hours: BusinessHours, timeZone = OSLO): HoursConfig => ({
  weekly: hours,
  timeZone,
  observePublicHolidays: false,
});

// Instants are written in UTC; the comment gives Oslo wall-clock time (CET = UTC+1, CEST = UTC+2).
describe("isOpenAt", () => {
  it.each<[string, string, BusinessHours, boolean]>([
    ["2026-03-10T08:00:00Z", "Tue 09:00 CET, exactly at opening", DEFAULT_BUSINESS_HOURS, true],
    ["2026-03-10T07:59:00Z", "Tue 08:59 CET, a minute early", DEFAULT_BUSINESS_HOURS, false],
    ["2026-03-10T15:59:00Z", "Tue 16:59 CET, just before closing", DEFAULT_BUSINESS_HOURS, true],
    ["2026-03-10T16:00:00Z", "Tue 17:00 CET, exactly at closing", DEFAULT_BUSINESS_HOURS, false],
    ["2026-03-12T17:30:00Z", "Thu 18:30 CET, late opening", DEFAULT_BUSINESS_HOURS, true],
    ["2026-03-14T10:00:00Z", "Sat 11:00 CET", DEFAULT_BUSINESS_HOURS, true],
    ["2026-03-15T11:00:00Z", "Sun 12:00 CET", DEFAULT_BUSINESS_HOURS, false],
    ["2026-06-09T07:30:00Z", "Tue 09:30 CEST (08:30 in CET terms)", DEFAULT_BUSINESS_HOURS, true],
    ["2026-06-09T14:30:00Z", "Tue 16:30 CEST", DEFAULT_BUSINESS_HOURS, true],
    ["2026-06-09T15:00:00Z", "Tue 17:00 CEST", DEFAULT_BUSINESS_HOURS, false],
    ["2026-03-29T10:30:00Z", "Sun 12:30 CEST on the spring-forward day", SUNDAY_NOON, true],
    ["2026-03-29T09:30:00Z", "Sun 11:30 CEST on the spring-forward day", SUNDAY_NOON, false],
    ["2026-10-25T11:30:00Z", "Sun 12:30 CET on the fall-back day", SUNDAY_NOON, true],
    ["2026-03-10T10:00:00Z", "Tue 11:00, no hours at all", CLOSED, false],
  ])("%s (%s) → %s", (iso, _label, hours, open) => {
    expect(isOpenAt(cfg(hours, OSLO), new Date(iso))).toBe(open);
  });

  it("reads the hours in the dealership's own zone", () => {
    const tuesdayNineInNewYork = new Date("2026-03-10T13:00:00Z");
    expect(isOpenAt(cfg(DEFAULT_BUSINESS_HOURS, "America/New_York"), tuesdayNineInNewYork)).toBe(true);
    expect(isOpenAt(cfg(DEFAULT_BUSINESS_HOURS, OSLO), tuesdayNineInNewYork)).toBe(true);
    expect(isOpenAt(cfg(DEFAULT_BUSINESS_HOURS, "America/New_York"), new Date("2026-03-10T19:00:00Z"))).toBe(
      true,
    );
    expect(isOpenAt(cfg(DEFAULT_BUSINESS_HOURS, OSLO), new Date("2026-03-10T19:00:00Z"))).toBe(false);
  });

  it("falls back to Oslo for a zone Intl does not know", () => {
    expect(isOpenAt(cfg(DEFAULT_BUSINESS_HOURS, "Mars/Olympus_Mons"), new Date("2026-03-10T08:30:00Z"))).toBe(
      true,
    );
  });

  it("treats a closing time of 24:00 or 00:00 as midnight", () => {
    const lateNight: BusinessHours = {
      ...CLOSED,
      tue: [{ open: "18:00", close: "24:00" }],
      wed: [{ open: "18:00", close: "00:00" }],
    };
    expect(isOpenAt(cfg(lateNight, OSLO), new Date("2026-03-10T22:30:00Z"))).toBe(true); // Tue 23:30
    expect(isOpenAt(cfg(lateNight, OSLO), new Date("2026-03-11T22:30:00Z"))).toBe(true); // Wed 23:30
  });
});

describe("findNextOpening", () => {
  it.each<[string, string, BusinessHours, string | null]>([
    ["2026-03-10T08:30:00Z", "open now: now itself", DEFAULT_BUSINESS_HOURS, "2026-03-10T08:30:00.000Z"],
    ["2026-03-10T05:00:00Z", "Tue 06:00 → Tue 09:00", DEFAULT_BUSINESS_HOURS, "2026-03-10T08:00:00.000Z"],
    ["2026-03-14T18:30:00Z", "Sat 19:30 → Mon 09:00", DEFAULT_BUSINESS_HOURS, "2026-03-16T08:00:00.000Z"],
    [
      "2026-03-28T19:00:00Z",
      "Sat 20:00 CET before spring-forward → Mon 09:00 CEST",
      DEFAULT_BUSINESS_HOURS,
      "2026-03-30T07:00:00.000Z",
    ],
    [
      "2026-10-24T18:00:00Z",
      "Sat 20:00 CEST before fall-back → Mon 09:00 CET",
      DEFAULT_BUSINESS_HOURS,
      "2026-10-26T08:00:00.000Z",
    ],
    [
      "2026-03-29T08:00:00Z",
      "Sun 10:00 CEST on spring-forward day → 12:00 CEST",
      SUNDAY_NOON,
      "2026-03-29T10:00:00.000Z",
    ],
    [
      "2026-10-25T08:00:00Z",
      "Sun 09:00 CET on fall-back day → 12:00 CET",
      SUNDAY_NOON,
      "2026-10-25T11:00:00.000Z",
    ],
    [
      "2026-03-16T16:30:00Z",
      "Mon 17:30, open Mondays only → next Monday",
      MONDAYS_ONLY,
      "2026-03-23T08:00:00.000Z",
    ],
    ["2026-03-10T10:00:00Z", "never open", CLOSED, null],
  ])("%s (%s)", (iso, _label, hours, expected) => {
    expect(findNextOpening(cfg(hours), new Date(iso))?.toISOString() ?? null).toBe(expected);
  });
});

describe("describeWhenWeCall", () => {
  it.each<[string, string, BusinessHours, string]>([
    ["2026-03-10T08:00:00Z", "Tue 09:00, exactly at opening", DEFAULT_BUSINESS_HOURS, "i løpet av kort tid"],
    ["2026-03-10T12:00:00Z", "Tue 13:00", DEFAULT_BUSINESS_HOURS, "i løpet av kort tid"],
    ["2026-03-10T15:30:00Z", "Tue 16:30, half an hour left", DEFAULT_BUSINESS_HOURS, "i løpet av kort tid"],
    ["2026-03-10T15:50:00Z", "Tue 16:50, ten minutes left", DEFAULT_BUSINESS_HOURS, "i morgen fra kl. 09.00"],
    ["2026-03-10T16:00:00Z", "Tue 17:00, just closed", DEFAULT_BUSINESS_HOURS, "i morgen fra kl. 09.00"],
    ["2026-03-10T05:00:00Z", "Tue 06:00, before opening", DEFAULT_BUSINESS_HOURS, "i dag fra kl. 09.00"],
    [
      "2026-03-10T07:50:00Z",
      "Tue 08:50, ten minutes before opening",
      DEFAULT_BUSINESS_HOURS,
      "i løpet av kort tid",
    ],
    ["2026-03-10T22:50:00Z", "Tue 23:50, open round the clock", ROUND_THE_CLOCK, "i løpet av kort tid"],
    ["2026-03-13T16:30:00Z", "Fri 17:30", DEFAULT_BUSINESS_HOURS, "i morgen fra kl. 10.00"],
    ["2026-03-14T18:30:00Z", "Sat 19:30", DEFAULT_BUSINESS_HOURS, "på mandag fra kl. 09.00"],
    ["2026-03-15T11:00:00Z", "Sun 12:00", DEFAULT_BUSINESS_HOURS, "i morgen fra kl. 09.00"],
    [
      "2026-03-28T19:00:00Z",
      "Sat 20:00 before spring-forward",
      DEFAULT_BUSINESS_HOURS,
      "på mandag fra kl. 09.00",
    ],
    [
      "2026-03-28T23:30:00Z",
      "Sun 00:30 CET, the night the clocks jump",
      DEFAULT_BUSINESS_HOURS,
      "i morgen fra kl. 09.00",
    ],
    ["2026-10-24T18:00:00Z", "Sat 20:00 before fall-back", DEFAULT_BUSINESS_HOURS, "på mandag fra kl. 09.00"],
    ["2026-03-09T20:00:00Z", "Mon 21:00", WEEKDAYS_AT_EIGHT, "i morgen fra kl. 08.00"],
    ["2026-03-13T16:00:00Z", "Fri 17:00", WEEKDAYS_AT_EIGHT, "på mandag fra kl. 08.00"],
    ["2026-03-16T16:30:00Z", "Mon 17:30, Mondays only", MONDAYS_ONLY, "neste mandag fra kl. 09.00"],
    ["2026-03-10T10:00:00Z", "no hours set", CLOSED, "så snart som mulig"],
  ])("%s (%s) → %j", (iso, _label, hours, expected) => {
    expect(describeWhenWeCall(new Date(iso), cfg(hours))).toBe(expected);
  });
});

describe("describeNextOpening", () => {
  it.each<[string, string, BusinessHours, string | null]>([
    ["2026-03-10T06:00:00Z", "Tue 07:00 CET, before opening", DEFAULT_BUSINESS_HOURS, "i dag kl. 09.00"],
    ["2026-03-10T17:00:00Z", "Tue 18:00 CET, after closing", DEFAULT_BUSINESS_HOURS, "i morgen kl. 09.00"],
    ["2026-03-13T17:00:00Z", "Fri 18:00 CET", DEFAULT_BUSINESS_HOURS, "i morgen kl. 10.00"],
    ["2026-03-14T15:00:00Z", "Sat 16:00 CET", DEFAULT_BUSINESS_HOURS, "mandag kl. 09.00"],
    ["2026-03-16T17:00:00Z", "Mon 18:00 CET", MONDAYS_ONLY, "neste mandag kl. 09.00"],
    ["2026-03-10T17:00:00Z", "any time", CLOSED, null],
  ])("%s (%s) → %s", (instant, _label, hours, expected) => {
    expect(describeNextOpening(new Date(instant), cfg(hours))).toBe(expected);
  });
});
