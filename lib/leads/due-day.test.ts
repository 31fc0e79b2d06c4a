import { describe, expect, it } from "vitest";
import { dueDayOf } from "./due-day.ts";

describe("dueDayOf", () => {
  it("counts calendar days in the dealership's zone, not UTC", () => {
    const now = new Date("2026-03-10T22:30:00Z"); // 23:30 in Oslo on 10 March
    expect(dueDayOf(new Date("2026-03-10T23:30:00Z"), now, "Europe/Oslo")).toBe("tomorrow"); // 00:30 on the 11th
    expect(dueDayOf(new Date("2026-03-10T09:00:00Z"), now, "Europe/Oslo")).toBe("today");
    expect(dueDayOf(new Date("2026-03-09T09:00:00Z"), now, "Europe/Oslo")).toBe("yesterday");
    expect(dueDayOf(new Date("2026-03-20T09:00:00Z"), now, "Europe/Oslo")).toBe("other");
  });
});
