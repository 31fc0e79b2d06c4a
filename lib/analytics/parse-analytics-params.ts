import {
  ANALYTICS_PRESETS,
  resolvePresetRange,
  type AnalyticsPreset,
  type DayRange,
} from "./analytics-range.ts";
import { analyticsRangeQuery } from "./schemas.ts";

/**
 * The Analyse page's URL (`?range=7d`, `?range=custom&from=…&to=…`) → the range to show, in the dealership's
 * zone. A bad custom range shows the last 30 days and says so, rather than an error page.
 */
export function parseAnalyticsParams(
  raw: Record<string, string | string[] | undefined>,
  timeZone: string,
  now = new Date(),
): { preset: AnalyticsPreset; range: DayRange; invalid: boolean; custom: { from?: string; to?: string } } {
  const one = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
  const requested = one("range");
  const preset = (ANALYTICS_PRESETS as readonly string[]).includes(requested ?? "")
    ? (requested as AnalyticsPreset)
    : "30d";
  const custom = { from: one("from"), to: one("to") };
  if (preset !== "custom")
    return { preset, range: resolvePresetRange(preset, timeZone, now), invalid: false, custom };
  const parsed = analyticsRangeQuery.safeParse(custom);
  if (parsed.success) return { preset, range: parsed.data, invalid: false, custom };
  return { preset: "30d", range: resolvePresetRange("30d", timeZone, now), invalid: true, custom };
}
