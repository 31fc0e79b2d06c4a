import { sql } from "drizzle-orm";
import { getDb } from "./db/client.ts";
import { AppError } from "./errors.ts";

export type RateLimit = {
  limit: number;
  windowSeconds: number;
  /**
   * Spread a busy key over this many rows, each allowed limit/shards. Every request to one website form updates
   * the same key; a single row would make concurrent requests queue on its row lock. The limit becomes
   * approximate (a shard may fill first), which is fine for a flood guard.
   */
  shards?: number;
};

/**
 * Fixed-window counter in Postgres (shared by every app instance, no Redis). One upsert per call.
 * Throws AppError("rate_limited") with Retry-After once the window's limit is spent.
 */
export async function consumeRateLimit(
  key: string,
  { limit, windowSeconds, shards = 1 }: RateLimit,
): Promise<void> {
  if (shards > 1) {
    key = `${key}#${Math.floor(Math.random() * shards)}`;
    limit = Math.ceil(limit / shards);
  }
  const { rows } = await getDb().execute<{ count: number; window_start: Date }>(sql`
    insert into rate_limits (key, window_start, count)
    values (${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
    on conflict (key, window_start) do update set count = rate_limits.count + 1
    returning count, window_start`);
  const row = rows[0]!;
  if (row.count > limit) {
    const resetAt = new Date(row.window_start).getTime() + windowSeconds * 1000;
    const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
    throw new AppError("rate_limited", "For mange forsøk. Vent litt og prøv igjen.", { retryAfterSeconds });
  }
}

export async function resetRateLimit(key: string): Promise<void> {
  await getDb().execute(sql`delete from rate_limits where key = ${key}`);
}
