import type { getFormatter } from "next-intl/server";

type Format = Awaited<ReturnType<typeof getFormatter>>;

/** Seconds as the unit a person reads: "45 s", "3,5 min", "2,1 t", "1,5 d"; a dash when there is no value. */
export function formatSeconds(format: Format, seconds: number | null): string {
  if (seconds === null) return "–";
  const [value, unit] =
    seconds < 60
      ? [seconds, "second"]
      : seconds < 3600
        ? [seconds / 60, "minute"]
        : seconds < 86_400
          ? [seconds / 3600, "hour"]
          : [seconds / 86_400, "day"];
  return format.number(value, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 });
}

export function formatShare(format: Format, share: number | null): string {
  return share === null ? "–" : format.number(share, { style: "percent", maximumFractionDigits: 0 });
}

export function formatCount(format: Format, n: number | null): string {
  return n === null ? "–" : format.number(n);
}
