import { getPool } from "../db/client.ts";
import { BOSS_SCHEMA } from "../jobs/boss.ts";

type Check = { ok: boolean; latencyMs: number; error?: string };

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, fail) => setTimeout(() => fail(new Error("timeout after 2 s")), 2_000)),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (err as Error).message };
  }
}

/** Database round-trip, and the job queue's schema reachable by the app role (jobs would not enqueue otherwise). */
export async function checkHealth() {
  const db = await timed(() => getPool().query("select 1"));
  const queue = db.ok
    ? await timed(() => getPool().query(`select count(*) from ${BOSS_SCHEMA}.queue`))
    : { ok: false, latencyMs: 0, error: "database unavailable" };
  return { ok: db.ok && queue.ok, db, queue };
}
