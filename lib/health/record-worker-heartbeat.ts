import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type pg from "pg";
import { getLogger } from "../log/logger.ts";

export const HEARTBEAT_INTERVAL_MS = 10_000;

/**
 * The worker's sign of life for /api/health: one row per worker process, its beat_at touched every 10 s; the row
 * goes when the worker stops cleanly (a crashed worker's row simply ages).
 */
export function startWorkerHeartbeat(
  pool: pg.Pool,
  intervalMs = HEARTBEAT_INTERVAL_MS,
): { stop: () => Promise<void> } {
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const beat = () =>
    pool
      .query(
        `insert into worker_heartbeats (worker_id, hostname, pid) values ($1, $2, $3)
         on conflict (worker_id) do update set beat_at = now()`,
        [workerId, hostname(), process.pid],
      )
      .catch((err: Error) => getLogger("worker").warn({ err }, "heartbeat failed"));
  void beat();
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await pool.query("delete from worker_heartbeats where worker_id = $1", [workerId]).catch(() => {});
    },
  };
}
