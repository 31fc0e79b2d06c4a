import { z } from "zod";
import { daysBetween, isIsoDate } from "../dates/time-zone.ts";

/** The longest range one summary covers: two years and a day (a leap year's "last 365 days" and a bit). */
export const MAX_RANGE_DAYS = 732;

const day = z.string().trim().refine(isIsoDate, { message: "Must be a calendar date written YYYY-MM-DD" });

/**
 * `GET /api/analytics/summary?from=&to=` and the CSV export: calendar days in the dealership's time zone, both
 * inclusive. The page builds the same object from its presets.
 */
export const analyticsRangeQuery = z.object({ from: day, to: day }).superRefine((value, ctx) => {
  const days = daysBetween(value.from, value.to);
  if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "Must not be before from" });
  else if (days + 1 > MAX_RANGE_DAYS)
    ctx.addIssue({ code: "custom", path: ["to"], message: `At most ${MAX_RANGE_DAYS} days` });
});
export type AnalyticsRange = z.infer<typeof analyticsRangeQuery>;

export const ANALYTICS_TABLES = [
  "leads_per_day",
  "by_source",
  "by_status",
  "funnel",
  "lost_reasons",
  "vehicles",
  "models",
  "reps",
  "follow_ups",
] as const;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];

/** `GET /api/analytics/export?from=&to=&table=`: one table of the summary as CSV. */
export const analyticsExportQuery = z
  .object({ from: day, to: day, table: z.enum(ANALYTICS_TABLES) })
  .superRefine((value, ctx) => {
    const parsed = analyticsRangeQuery.safeParse({ from: value.from, to: value.to });
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: "custom" });
  });
