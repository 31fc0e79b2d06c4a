import { describe, expect, it } from "vitest";
import { previousRange, resolvePresetRange } from "./analytics-range.ts";
import { parseAnalyticsParams } from "./parse-analytics-params.ts";

// 1 March 2026 00:30 in Oslo is still 28 February in UTC: presets follow the dealership's calendar.
const now = new Date("2026-02-28T23:30:00Z");

describe("analytics ranges", () => {
  it("reads presets as calendar days in the dealership's zone", () => {
    expect(resolvePresetRange("today", "Europe/Oslo", now)).toEqual({ from: "2026-03-01", to: "2026-03-01" });
    expect(resolvePresetRange("today", "UTC", now)).toEqual({ from: "2026-02-28", to: "2026-02-28" });
    expect(resolvePresetRange("7d", "Europe/Oslo", now)).toEqual({ from: "2026-02-23", to: "2026-03-01" });
    expect(resolvePresetRange("this_month", "Europe/Oslo", now)).toEqual({
      from: "2026-03-01",
      to: "2026-03-01",
    });
    expect(resolvePresetRange("last_month", "Europe/Oslo", now)).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    });
  });
  it("compares with as many days just before", () => {
    expect(previousRange({ from: "2026-03-01", to: "2026-03-31" })).toEqual({
      from: "2026-01-29",
      to: "2026-02-28",
    });
    expect(previousRange({ from: "2026-03-01", to: "2026-03-01" })).toEqual({
      from: "2026-02-28",
      to: "2026-02-28",
    });
  });
  it("falls back to 30 days for a bad custom range from the URL", () => {
    expect(
      parseAnalyticsParams({ range: "custom", from: "2026-02-01", to: "2026-02-10" }, "Europe/Oslo", now),
    ).toMatchObject({
      preset: "custom",
      range: { from: "2026-02-01", to: "2026-02-10" },
      invalid: false,
    });
    expect(
      parseAnalyticsParams({ range: "custom", from: "2026-02-10", to: "2026-02-01" }, "Europe/Oslo", now),
    ).toMatchObject({
      preset: "30d",
      invalid: true,
    });
    expect(parseAnalyticsParams({ range: "nonsense" }, "Europe/Oslo", now).preset).toBe("30d");
  });
});
