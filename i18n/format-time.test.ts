import { describe, expect, it } from "vitest";
import { timeFormatters } from "./format-time.ts";

const nb = timeFormatters("nb");
const en = timeFormatters("en");
const s = 1_000;
const clean = (text: string) => text.replace(/\s/g, " ");

describe("duration", () => {
  it("writes Norwegian durations as people do", () => {
    expect(clean(nb.duration(400))).toBe("0,4 s");
    expect(clean(nb.wholeSeconds(0))).toBe("under 1 s");
    expect(clean(nb.wholeSeconds(78))).toBe("1 min 18 s");
    expect(clean(nb.duration(42 * s))).toBe("42 s");
    expect(clean(nb.duration(78 * s))).toBe("1 min 18 s");
    expect(clean(nb.duration(120 * s))).toBe("2 min");
    expect(clean(nb.duration(25 * 60 * s))).toBe("25 min");
    expect(clean(nb.duration(185 * 60 * s))).toBe("3 t 5 min");
    expect(clean(nb.duration(2 * 86_400 * s))).toBe("2 dager");
    expect(clean(nb.duration(86_400 * s))).toBe("1 dag");
  });

  it("never says sek, døgn or 0 min", () => {
    for (const ms of [0, 10, 999, 5 * s, 29 * s, 59 * s, 61 * s, 78 * s, 3_600 * s, 30 * 86_400 * s]) {
      const text = nb.duration(ms);
      expect(text).not.toMatch(/sek|døgn|^0 min/);
    }
  });

  it("has English words in en", () => {
    expect(clean(en.duration(78 * s))).toBe("1 min 18 s");
    expect(clean(en.duration(185 * 60 * s))).toBe("3 h 5 min");
    expect(clean(en.duration(2 * 86_400 * s))).toBe("2 days");
  });
});

describe("relative", () => {
  const now = new Date("2026-12-03T12:00:00Z");
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it("says dager, not døgn, and minutes and hours as Intl writes them", () => {
    expect(nb.relative(ago(10 * s), now)).toBe("nå nettopp");
    expect(nb.relative(ago(5 * 60 * s), now)).toBe("for 5 minutter siden");
    expect(nb.relative(ago(3 * 3_600 * s), now)).toBe("for 3 timer siden");
    expect(nb.relative(ago(2 * 86_400 * s), now)).toBe("for 2 dager siden");
    expect(nb.relative(new Date(now.getTime() + 2 * 86_400 * s), now)).toBe("om 2 dager");
    expect(en.relative(ago(2 * 86_400 * s), now)).toBe("2 days ago");
  });
});
