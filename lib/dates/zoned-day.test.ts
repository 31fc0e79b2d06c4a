import { describe, expect, it } from "vitest";
import { addDays, startOfZonedDay, zonedToday } from "./zoned-day.ts";

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
