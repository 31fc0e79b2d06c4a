import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS, type BusinessHours } from "../../db/schema/dealerships.ts";
import { describeClosedToday, describeWhenWeCall } from "../responder/business-hours.ts";
import { findNextOpening, getDayHours, isOpenAt, type HoursConfig } from "./opening-hours.ts";

const OSLO = "Europe/Oslo";
const LUNCH: BusinessHours = {
  ...DEFAULT_BUSINESS_HOURS,
  tue: [
    { open: "09:00", close: "12:00" },
    { open: "13:00", close: "17:00" },
  ],
};
const config = (extra: Partial<HoursConfig> = {}): HoursConfig => ({
  weekly: DEFAULT_BUSINESS_HOURS,
  timeZone: OSLO,
  observePublicHolidays: true,
  ...extra,
});
const next = (c: HoursConfig, iso: string) => findNextOpening(c, new Date(iso))?.toISOString() ?? null;

// Instants in UTC; comments give Oslo wall-clock time (CET = UTC+1, CEST = UTC+2).
describe("several intervals a day", () => {
  const c = config({ weekly: LUNCH });
  it.each([
    ["2026-03-10T10:30:00Z", true], // Tue 11:30
    ["2026-03-10T11:30:00Z", false], // Tue 12:30, lunch
    ["2026-03-10T12:00:00Z", true], // Tue 13:00
    ["2026-03-10T16:00:00Z", false], // Tue 17:00
  ])("%s open: %s", (iso, open) => expect(isOpenAt(c, new Date(iso))).toBe(open));

  it("opens again after lunch the same day", () => {
    expect(next(c, "2026-03-10T11:30:00Z")).toBe("2026-03-10T12:00:00.000Z");
    expect(describeWhenWeCall(new Date("2026-03-10T11:30:00Z"), c)).toBe("i dag fra kl. 13.00");
  });

  it("names the afternoon opening in the last minutes before lunch", () => {
    expect(describeWhenWeCall(new Date("2026-03-10T10:50:00Z"), c)).toBe("i dag fra kl. 13.00");
  });
});

describe("public holidays and special days", () => {
  it("is closed on Kristi himmelfartsdag (Thursday 14 May 2026) and names it", () => {
    const c = config();
    const thursdayTen = new Date("2026-05-14T08:00:00Z");
    expect(isOpenAt(c, thursdayTen)).toBe(false);
    expect(describeClosedToday(thursdayTen, c)).toEqual({ name: "Kristi himmelfartsdag" });
    expect(describeWhenWeCall(thursdayTen, c)).toBe("i morgen fra kl. 09.00");
  });

  it("ignores holidays when the dealership does not observe them", () => {
    const c = config({ observePublicHolidays: false });
    expect(isOpenAt(c, new Date("2026-05-14T08:00:00Z"))).toBe(true);
  });

  it("a special day on a holiday wins (kept open)", () => {
    const c = config({ specialDays: [{ date: "2026-05-14", hours: [{ open: "10:00", close: "14:00" }] }] });
    expect(isOpenAt(c, new Date("2026-05-14T09:00:00Z"))).toBe(true); // 11:00 CEST
    expect(isOpenAt(c, new Date("2026-05-14T07:30:00Z"))).toBe(false); // 09:30 CEST
    expect(getDayHours(c, "2026-05-14").exception).toEqual({ kind: "special", name: null });
  });

  it("a closed special day closes an ordinary weekday", () => {
    const c = config({ specialDays: [{ date: "2026-03-10", hours: [], note: "Inventardag" }] });
    expect(isOpenAt(c, new Date("2026-03-10T10:00:00Z"))).toBe(false);
    expect(describeClosedToday(new Date("2026-03-10T10:00:00Z"), c)).toEqual({ name: "Inventardag" });
    expect(next(c, "2026-03-10T10:00:00Z")).toBe("2026-03-11T08:00:00.000Z");
  });

  it("skips skjærtorsdag and langfredag to påskeaften (an ordinary Saturday), then Easter to Tuesday", () => {
    // Wed 1 April 2026 18:00 CEST → Sat 4 April 10:00 CEST.
    expect(next(config(), "2026-04-01T16:00:00Z")).toBe("2026-04-04T08:00:00.000Z");
    expect(describeWhenWeCall(new Date("2026-04-01T16:00:00Z"), config())).toBe("på lørdag fra kl. 10.00");
    // Sat 4 April 16:00 CEST → Tue 7 April 09:00 CEST (Sunday, 1. and 2. påskedag closed).
    expect(next(config(), "2026-04-04T14:00:00Z")).toBe("2026-04-07T07:00:00.000Z");
  });
});

describe("DST in Europe/Oslo", () => {
  const SUNDAYS: BusinessHours = {
    ...DEFAULT_BUSINESS_HOURS,
    sun: [{ open: "02:30", close: "05:00" }],
  };
  it("spring forward (29 March 2026, 02:00 → 03:00): an opening in the skipped hour is the first real minute", () => {
    const c = config({ weekly: SUNDAYS });
    // Sat 28 March 23:00 CET → Sun 03:00 CEST (01:00Z): 02:30 does not exist that night.
    expect(next(c, "2026-03-28T22:00:00Z")).toBe("2026-03-29T01:30:00.000Z");
    expect(isOpenAt(c, new Date("2026-03-29T01:30:00Z"))).toBe(true); // 03:30 CEST
    expect(isOpenAt(c, new Date("2026-03-29T03:00:00Z"))).toBe(false); // 05:00 CEST
  });

  it("spring forward: Monday 09:00 is 07:00Z after the change, 08:00Z before it", () => {
    expect(next(config(), "2026-03-28T19:00:00Z")).toBe("2026-03-30T07:00:00.000Z");
    expect(next(config(), "2026-03-21T19:00:00Z")).toBe("2026-03-23T08:00:00.000Z");
  });

  it("fall back (25 October 2026, 03:00 → 02:00): Monday 09:00 is 08:00Z", () => {
    expect(next(config(), "2026-10-24T18:00:00Z")).toBe("2026-10-26T08:00:00.000Z");
  });

  it("fall back: the repeated hour is inside the day's hours once, and opening hours hold across it", () => {
    const c = config({ weekly: { ...DEFAULT_BUSINESS_HOURS, sun: [{ open: "01:00", close: "04:00" }] } });
    expect(isOpenAt(c, new Date("2026-10-25T00:30:00Z"))).toBe(true); // 02:30 CEST
    expect(isOpenAt(c, new Date("2026-10-25T01:30:00Z"))).toBe(true); // 02:30 CET, the hour again
    expect(isOpenAt(c, new Date("2026-10-25T03:00:00Z"))).toBe(false); // 04:00 CET
    expect(next(c, "2026-10-24T22:00:00Z")).toBe("2026-10-24T23:00:00.000Z"); // 01:00 CEST
  });
});
