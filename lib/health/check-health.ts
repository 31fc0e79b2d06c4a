import { getPool } from "../db/client.ts";
import { BOSS_SCHEMA } from "../jobs/boss.ts";

type Check = { ok: boolean; latencyMs: number; error?: string };

async function timed(name: string, fn: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise(
    (_, fail) => (timer = setTimeout(() => fail(new Error("timeout after 2 s")), 2_000)),
  );
  try {
    await Promise.race([fn(), timeout]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    // The detail (host, port, driver message) goes to the log, not to anonymous callers.
    console.error(`[health] ${name} check failed: ${(err as Error).message}`);
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: "unavailable" };
  } finally {
    clearTimeout(timer);
  }
}

/** Database round-trip, and the job queue's schema reachable by the app role (jobs would not enqueue otherwise). */
export async function checkHealth() {
  const db = await timed("db", () => getPool().query("select 1"));
  const queue = db.ok
    ? await timed("queue", () => getPool().query(`select count(*) from ${BOSS_SCHEMA}.queue`))
    : { ok: false, latencyMs: 0, error: "database unavailable" };
  return { ok: db.ok && queue.ok, db, queue };
}

type Health = Awaited<ReturnType<typeof checkHealth>>;

/** GET /api/health's body, snake_case like the rest of the API. */
export function toHealthJson(health: Health) {
  const check = (c: Check) => ({ ok: c.ok, latency_ms: c.latencyMs, ...(c.error && { error: c.error }) });
  return { ok: health.ok, db: check(health.db), queue: check(health.queue) };
}
