import { describe, expect, it } from "vitest";
import type { HoursConfig } from "../business-hours/opening-hours.ts";
import { computeDueAt } from "./compute-due-at.ts";

const day = [{ open: "09:00", close: "17:00" }];
const config: HoursConfig = {
  timeZone: "Europe/Oslo",
  weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
  observePublicHolidays: true,
  specialDays: [],
};

describe("computeDueAt", () => {
  it("keeps the wall-clock time across the spring DST change", () => {
    // Thursday 26 March 2026 10:00 Oslo (UTC+1) + 5 days → Tuesday 31 March 10:00 Oslo (UTC+2).
    const due = computeDueAt(config, new Date("2026-03-26T09:00:00Z"), 5);
    expect(due?.toISOString()).toBe("2026-03-31T08:00:00.000Z");
  });

  it("keeps the wall-clock time across the autumn DST change", () => {
    const due = computeDueAt(config, new Date("2026-10-22T08:00:00Z"), 5); // Thu 10:00 (UTC+2) → Tue 10:00 (UTC+1)
    expect(due?.toISOString()).toBe("2026-10-27T09:00:00.000Z");
  });

  it("moves a Saturday to Monday's opening", () => {
    // Wednesday 4 November 2026 14:00 + 3 days = Saturday → Monday 9 November 09:00.
    const due = computeDueAt(config, new Date("2026-11-04T13:00:00Z"), 3);
    expect(due?.toISOString()).toBe("2026-11-09T08:00:00.000Z");
  });

  it("never sends at night: an evening anchor moves to the next morning", () => {
    // Monday 2 November 2026 21:30 + 3 days = Thursday 21:30 → Friday 09:00.
    const due = computeDueAt(config, new Date("2026-11-02T20:30:00Z"), 3);
    expect(due?.toISOString()).toBe("2026-11-06T08:00:00.000Z");
  });

  it("skips a public holiday and a special closed day", () => {
    // Monday 18 May 2026 is not a holiday, 17 May is a Sunday; use Ascension Day, Thursday 14 May 2026.
    const due = computeDueAt(config, new Date("2026-05-11T10:00:00Z"), 3);
    expect(due?.toISOString()).toBe("2026-05-15T07:00:00.000Z");
    const closed = computeDueAt(
      { ...config, specialDays: [{ date: "2026-05-15", hours: [], note: "Inventar" }] },
      new Date("2026-05-11T10:00:00Z"),
      3,
    );
    expect(closed?.toISOString()).toBe("2026-05-18T07:00:00.000Z");
  });
});
