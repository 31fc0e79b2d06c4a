import { parseArgs, type ParseArgsConfig } from "node:util";

/** A bad command-line flag: printed with the script's usage, exit code 1. */
export class UsageError extends Error {}

/** Parses a whole-number flag ("1000000", "1_000_000" or "1e6") within [min, max]; throws UsageError otherwise. */
export function positiveInt(
  name: string,
  value: string | undefined,
  fallback: number,
  { min = 1, max = 100_000_000 } = {},
): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number between ${min} and ${max}, got "${value}"`);
  }
  return n;
}

/**
 * A script's options from `parse`, or the exit code once the usage has been printed: 0 for --help, 1 (with the
 * message) for a UsageError. Other errors are bugs and propagate.
 */
export function parseOptionsOrUsage<T extends object>(
  parse: () => T | "help",
  usage: string,
): T | { exitCode: number } {
  try {
    const options = parse();
    if (options !== "help") return options;
    console.log(usage);
    return { exitCode: 0 };
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${usage}`);
    return { exitCode: 1 };
  }
}

/** node:util's parseArgs with its errors (unknown flag, missing value) as UsageError. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
