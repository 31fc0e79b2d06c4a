/** Percentile by linear interpolation between closest ranks: Postgres's percentile_cont, so SQL checks agree. */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower]!;
  const b = sorted[upper]!;
  return a + (b - a) * (position - lower);
}

export type Spread = { count: number; p50: number | null; p90: number | null };

/** Count, median and 90th percentile of the non-null values (seconds), to a tenth. */
export function spreadOf(values: readonly (number | null)[]): Spread {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const at = (p: number) => {
    const v = percentileCont(sorted, p);
    return v === null ? null : Math.round(v * 10) / 10;
  };
  return { count: sorted.length, p50: at(0.5), p90: at(0.9) };
}

/** Share of `total` with a value ≤ `limit`; null when there is nothing to share. */
export function shareWithin(values: readonly (number | null)[], limit: number, total: number): number | null {
  if (total === 0) return null;
  return values.filter((v) => v !== null && v <= limit).length / total;
}
