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
  /** The clock; tests pass one to stand on either side of a window boundary. */
  now?: Date;
};

/**
 * Sliding-window counter in Postgres (shared by every app instance, no Redis): the current window's count plus
 * the previous window's, weighted by how much of it still lies within the last windowSeconds. A plain fixed
 * window let a client send the limit just before a boundary and the limit again just after it — twice the
 * limit within a second, and a limiter whose answer depended on where the clock stood. One statement per call
 * (the upsert and a read of the previous window's row). Rejected attempts count too, so hammering keeps a client
 * limited. Throws AppError("rate_limited") with Retry-After once the limit is spent.
 */
export async function consumeRateLimit(
  key: string,
  { limit, windowSeconds, shards = 1, now = new Date() }: RateLimit,
): Promise<void> {
  if (shards > 1) {
    key = `${key}#${Math.floor(Math.random() * shards)}`;
    limit = Math.ceil(limit / shards);
  }
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const previousStart = new Date(windowStart.getTime() - windowMs);
  // The statement is its own transaction; set_config(…, true) lasts to its end, so it commits without waiting for
  // the WAL flush. A counter lost in a database crash costs nothing, while a synchronous commit held the shard's row
  // lock through the fsync and made every post to a busy form queue behind the others' (bench:ingest).
  const { rows } = await getDb().execute<{ count: number; previous: number }>(sql`
    with async_commit as materialized (select set_config('synchronous_commit', 'off', true)),
    current_window as (
      insert into rate_limits (key, window_start, count)
      values (${key}, ${windowStart.toISOString()}, 1)
      on conflict (key, window_start) do update set count = rate_limits.count + 1
      returning count
    )
    select current_window.count,
      coalesce((select count from rate_limits where key = ${key} and window_start = ${previousStart.toISOString()}), 0)
        as previous
    from current_window, async_commit`);
  const { count, previous } = rows[0]!;
  const elapsed = (now.getTime() - windowStart.getTime()) / windowMs;
  const weighted = count + previous * (1 - elapsed);
  if (weighted > limit) {
    // Free again once the previous window has slid far enough out — or, if this window alone is over, once it ends.
    const freeAt =
      count + 1 > limit
        ? windowStart.getTime() + windowMs
        : windowStart.getTime() + windowMs * (1 - (limit - count - 1) / previous);
    const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
    throw new AppError("rate_limited", "For mange forsøk. Vent litt og prøv igjen.", { retryAfterSeconds });
  }
}

export async function resetRateLimit(key: string): Promise<void> {
  await getDb().execute(sql`delete from rate_limits where key = ${key}`);
}
