import { getDayHours, type HoursConfig } from "../business-hours/opening-hours.ts";
import { daysOf, type DayRange } from "./analytics-range.ts";

// Small tallies over the per-lead rows of one period (select-period-figures.ts).

const TOP = 10;

export function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Opening hours by local day and minute, each day's hours looked up once (a year is 365 lookups, not 5 000). */
export function memoOpenCheck(hours: HoursConfig) {
  const byDay = new Map<string, { open: number; close: number }[]>();
  return (day: string, minute: number) => {
    let intervals = byDay.get(day);
    if (!intervals) byDay.set(day, (intervals = getDayHours(hours, day).intervals));
    return intervals.some((i) => minute >= i.open && minute < i.close);
  };
}

export function countPerDay(range: DayRange, rows: { day: string }[]) {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.day, (counts.get(r.day) ?? 0) + 1);
  return daysOf(range).map((day) => ({ day, count: counts.get(day) ?? 0 }));
}

export function countBy<K extends string, R>(
  keys: readonly K[],
  rows: R[],
  keyOf: (r: R) => K,
): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) out[keyOf(r)] += 1;
  return out;
}

/** The `TOP` most frequent keys (ties by key), with a label from the first row of each. */
export function topCounts<R>(
  rows: R[],
  keyOf: (r: R) => string | null,
  labelOf: (r: R) => string | null = () => null,
): [string | null, number, string | null][] {
  const counts = new Map<string | null, { n: number; label: string | null }>();
  for (const r of rows) {
    const key = keyOf(r);
    const entry = counts.get(key);
    if (entry) entry.n += 1;
    else counts.set(key, { n: 1, label: labelOf(r) });
  }
  return [...counts.entries()]
    .sort((a, b) => b[1].n - a[1].n || String(a[0]).localeCompare(String(b[0])))
    .slice(0, TOP)
    .map(([key, { n, label }]) => [key, n, label]);
}
