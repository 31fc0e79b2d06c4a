import { describe, expect, it } from "vitest";
import { addDays, startOfZonedDay, toZonedParts, zonedInstant, zonedToday } from "./time-zone.ts";

describe("startOfZonedDay", () => {
  it("is local midnight in winter and summer", () => {
    expect(startOfZonedDay("2026-01-15", "Europe/Oslo").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfZonedDay("2026-07-15", "Europe/Oslo").toISOString()).toBe("2026-07-14T22:00:00.000Z");
  });
  it("handles the days of the DST changes", () => {
    expect(startOfZonedDay("2026-03-29", "Europe/Oslo").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfZonedDay("2026-10-25", "Europe/Oslo").toISOString()).toBe("2026-10-24T22:00:00.000Z");
  });
  it("works for zones west of UTC", () =>
    expect(startOfZonedDay("2026-01-15", "America/New_York").toISOString()).toBe("2026-01-15T05:00:00.000Z"));
});

describe("zonedToday and addDays", () => {
  it("is the calendar day in the zone", () =>
    expect(zonedToday("Europe/Oslo", new Date("2026-01-14T23:30:00Z"))).toBe("2026-01-15"));
  it("crosses month ends", () => expect(addDays("2026-02-27", 2)).toBe("2026-03-01"));
});

describe("zonedInstant across DST", () => {
  it("reads a wall-clock time on each side of the spring-forward change", () => {
    expect(zonedInstant("2026-03-29", 60, "Europe/Oslo").toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(zonedInstant("2026-03-29", 180, "Europe/Oslo").toISOString()).toBe("2026-03-29T01:00:00.000Z");
    // 02:30 does not exist: the first real minute after the jump.
    expect(zonedInstant("2026-03-29", 150, "Europe/Oslo").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });
  it("reads 03:00 after the fall-back change in CET", () =>
    expect(zonedInstant("2026-10-25", 180, "Europe/Oslo").toISOString()).toBe("2026-10-25T02:00:00.000Z"));
  it("24:00 is the next midnight", () =>
    expect(zonedInstant("2026-06-01", 1440, "Europe/Oslo").toISOString()).toBe("2026-06-01T22:00:00.000Z"));
  it("toZonedParts gives the local date, weekday and minutes", () =>
    expect(toZonedParts(new Date("2026-03-29T01:30:00Z"), "Europe/Oslo")).toMatchObject({
      date: "2026-03-29",
      weekday: 0,
      minutes: 3 * 60 + 30,
    }));
});
