import Holidays from "date-holidays";

/** A Norwegian public holiday ("rød dag"): its local date (YYYY-MM-DD) and Norwegian name. */
export type PublicHoliday = { date: string; name: string };

const byYear = new Map<number, PublicHoliday[]>();
let calendar: Holidays | undefined;

/**
 * Norway's public holidays in `year` (helligdagsloven § 2 and 1 and 17 May), from date-holidays, which computes
 * the Easter-based days. Sundays are not listed: the weekly hours say whether a Sunday is open. Two holidays on
 * one date (17 May and 2. pinsedag in 2027) are one entry with both names.
 */
export function listPublicHolidays(year: number): PublicHoliday[] {
  let list = byYear.get(year);
  if (!list) {
    calendar ??= new Holidays("NO");
    const days = new Map<string, string[]>();
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type !== "public") continue;
      const date = holiday.date.slice(0, 10);
      days.set(date, [...(days.get(date) ?? []), holiday.name]);
    }
    list = [...days].map(([date, names]) => ({ date, name: names.join(" og ") }));
    list.sort((a, b) => a.date.localeCompare(b.date));
    byYear.set(year, list);
  }
  return list;
}

/** The public holiday on `date` (YYYY-MM-DD), if any. */
export function findPublicHoliday(date: string): PublicHoliday | null {
  return listPublicHolidays(Number(date.slice(0, 4))).find((h) => h.date === date) ?? null;
}

/** The public holidays from `from` (inclusive, YYYY-MM-DD) for `days` days, in date order. */
export function listComingPublicHolidays(from: string, days: number): PublicHoliday[] {
  const year = Number(from.slice(0, 4));
  const until = new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return [...listPublicHolidays(year), ...listPublicHolidays(year + 1)].filter(
    (h) => h.date >= from && h.date < until,
  );
}
