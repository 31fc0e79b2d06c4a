import { describe, expect, it } from "vitest";
import { minutesOfQuietLeft } from "./quiet-hours.ts";

const OSLO = "Europe/Oslo";
const night = { quietHours: { start: "22:00", end: "07:00" } };
const left = (iso: string, prefs: object = night) => minutesOfQuietLeft(prefs as never, OSLO, new Date(iso));

describe("minutesOfQuietLeft", () => {
  it("is 0 outside quiet hours and without them", () => {
    expect(left("2026-03-10T12:00:00Z")).toBe(0);
    expect(left("2026-03-10T21:00:00Z", {})).toBe(0);
  });

  it("counts to 07:00 on an ordinary night", () => {
    expect(left("2026-03-10T22:00:00Z")).toBe(8 * 60); // 23:00 CET → 07:00 CET
    expect(left("2026-03-11T05:30:00Z")).toBe(30); // 06:30 CET
  });

  it("spring forward: 23:00 Sat 28 March → 07:00 CEST Sunday is 7 real hours, not 8", () => {
    expect(left("2026-03-28T22:00:00Z")).toBe(7 * 60);
    expect(new Date(Date.parse("2026-03-28T22:00:00Z") + 7 * 3_600_000).toISOString()).toBe(
      "2026-03-29T05:00:00.000Z", // 07:00 CEST
    );
  });

  it("fall back: 23:00 Sat 24 October → 07:00 CET Sunday is 9 real hours, not 8", () => {
    expect(left("2026-10-24T21:00:00Z")).toBe(9 * 60); // 23:00 CEST → 07:00 CET (06:00Z)
  });

  it("a daytime quiet window within one day", () => {
    expect(left("2026-03-10T10:00:00Z", { quietHours: { start: "12:00", end: "13:00" } })).toBe(0);
    expect(left("2026-03-10T11:15:00Z", { quietHours: { start: "12:00", end: "13:00" } })).toBe(45);
  });
});
