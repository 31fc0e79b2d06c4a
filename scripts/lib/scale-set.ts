import { positiveInt } from "./cli-args.ts";
import { migrateDatabase } from "./migrate.ts";
import { ensureDatabase, type DatabaseHandle, type EmbeddedOptions } from "./postgres.ts";
import { seedScale } from "./seed-scale.ts";

/*
 * The set-up every scale benchmark shares (bench:db, bench:dashboard, bench:analytics): the --leads/--dealerships
 * flags, then a database that is up, migrated and holds the scale set (seeded here when missing; db:seed's
 * `--leads 1000000 --dealerships 200` otherwise).
 */

/** The flags' lines for a script's usage text. */
export const SCALE_SET_USAGE = `  --leads <n>          scale set size to ensure (default 1000000)
  --dealerships <n>    scale dealerships to ensure (default 200)`;

/** The flags for node:util's parseArgs. */
export const SCALE_SET_FLAGS = {
  leads: { type: "string" },
  dealerships: { type: "string" },
} as const;

export type ScaleSetOptions = { leads: number; dealerships: number };

/** The parsed flags (UsageError when out of range). */
export function scaleSetOptions(values: { leads?: string; dealerships?: string }): ScaleSetOptions {
  return {
    leads: positiveInt("leads", values.leads, 1_000_000),
    dealerships: positiveInt("dealerships", values.dealerships, 200, { max: 10_000 }),
  };
}

/** The database (embedded `database`, or DATABASE_URL when set), migrated, with the scale set in it; stopped again
 * when that fails. */
export async function prepareScaleSet(
  database: EmbeddedOptions,
  scale: ScaleSetOptions,
  log?: (line: string) => void,
): Promise<DatabaseHandle> {
  const db = await ensureDatabase(database);
  try {
    await migrateDatabase(db.ownerUrl, db.appUrl, log);
    await seedScale({ ownerOrAppUrl: db.ownerUrl, leads: scale.leads, dealerships: scale.dealerships, log });
    return db;
  } catch (err) {
    await db.stop();
    throw err;
  }
}
