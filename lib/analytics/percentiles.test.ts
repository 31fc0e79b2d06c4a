import { describe, expect, it } from "vitest";
import { percentileCont, shareWithin, spreadOf } from "./percentiles.ts";

describe("percentileCont", () => {
  it("interpolates like Postgres percentile_cont", () => {
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileCont([10, 20, 30, 40, 50], 0.9)).toBe(46);
    expect(percentileCont([7], 0.9)).toBe(7);
    expect(percentileCont([], 0.5)).toBeNull();
  });
  it("ignores nulls in a spread and counts shares over the whole total", () => {
    expect(spreadOf([null, 30, 10, 20])).toEqual({ count: 3, p50: 20, p90: 28 });
    expect(shareWithin([null, 60, 300, 301], 300, 4)).toBe(0.5);
    expect(shareWithin([], 300, 0)).toBeNull();
  });
});
