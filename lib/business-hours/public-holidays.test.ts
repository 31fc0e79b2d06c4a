import { describe, expect, it } from "vitest";
import { findPublicHoliday, listComingPublicHolidays, listPublicHolidays } from "./public-holidays.ts";

// /work/shared/reference/norway.md § 1 "Dates 2026–2030" (Easter by the anonymous Gregorian algorithm).
const TABLE: Record<number, Record<string, string>> = {
  2026: {
    nyttar: "01-01",
    skjaertorsdag: "04-02",
    langfredag: "04-03",
    paaske1: "04-05",
    paaske2: "04-06",
    mai1: "05-01",
    himmelfart: "05-14",
    mai17: "05-17",
    pinse1: "05-24",
    pinse2: "05-25",
    jul1: "12-25",
    jul2: "12-26",
  },
  2027: {
    nyttar: "01-01",
    skjaertorsdag: "03-25",
    langfredag: "03-26",
    paaske1: "03-28",
    paaske2: "03-29",
    mai1: "05-01",
    himmelfart: "05-06",
    mai17: "05-17",
    pinse1: "05-16",
    pinse2: "05-17",
    jul1: "12-25",
    jul2: "12-26",
  },
  2028: {
    nyttar: "01-01",
    skjaertorsdag: "04-13",
    langfredag: "04-14",
    paaske1: "04-16",
    paaske2: "04-17",
    mai1: "05-01",
    himmelfart: "05-25",
    mai17: "05-17",
    pinse1: "06-04",
    pinse2: "06-05",
    jul1: "12-25",
    jul2: "12-26",
  },
  2029: {
    nyttar: "01-01",
    skjaertorsdag: "03-29",
    langfredag: "03-30",
    paaske1: "04-01",
    paaske2: "04-02",
    mai1: "05-01",
    himmelfart: "05-10",
    mai17: "05-17",
    pinse1: "05-20",
    pinse2: "05-21",
    jul1: "12-25",
    jul2: "12-26",
  },
  2030: {
    nyttar: "01-01",
    skjaertorsdag: "04-18",
    langfredag: "04-19",
    paaske1: "04-21",
    paaske2: "04-22",
    mai1: "05-01",
    himmelfart: "05-30",
    mai17: "05-17",
    pinse1: "06-09",
    pinse2: "06-10",
    jul1: "12-25",
    jul2: "12-26",
  },
};

describe("listPublicHolidays (Norway, 2026–2030)", () => {
  it.each(Object.keys(TABLE).map(Number))("%i matches the reference table exactly", (year) => {
    const expected = [...new Set(Object.values(TABLE[year]!).map((md) => `${year}-${md}`))].sort();
    expect(listPublicHolidays(year).map((h) => h.date)).toEqual(expected);
  });

  it("names the Easter-based days in Norwegian", () => {
    expect(findPublicHoliday("2026-05-14")?.name).toBe("Kristi himmelfartsdag");
    expect(findPublicHoliday("2028-04-14")?.name).toBe("Langfredag");
    expect(findPublicHoliday("2030-06-10")?.name).toMatch(/pinsedag/i);
  });

  it("gives one entry with both names when 17 May is 2. pinsedag (2027)", () => {
    const day = findPublicHoliday("2027-05-17");
    expect(day?.name).toMatch(/Grunnlovsdag/);
    expect(day?.name).toMatch(/pinsedag/i);
  });

  it("lists no ordinary days, and no Sundays as such", () => {
    expect(findPublicHoliday("2026-03-29")).toBeNull();
    expect(findPublicHoliday("2026-12-24")).toBeNull(); // julaften: a half day by practice, not a holiday
    expect(findPublicHoliday("2026-12-31")).toBeNull();
  });

  it("lists the coming holidays across a new year", () => {
    expect(listComingPublicHolidays("2026-12-20", 14).map((h) => h.date)).toEqual([
      "2026-12-25",
      "2026-12-26",
      "2027-01-01",
    ]);
  });
});
