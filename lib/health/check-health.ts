import journal from "../../db/migrations/meta/_journal.json" with { type: "json" };
import { getPool } from "../db/client.ts";
import { BOSS_SCHEMA } from "../jobs/boss.ts";
import { getLogger } from "../log/logger.ts";
import { isShuttingDown } from "../startup/handle-shutdown.ts";

type Check = { ok: boolean; latencyMs: number; error?: string };

/** A worker whose newest beat is older than this counts as gone (it beats every 10 s). */
export const HEARTBEAT_STALE_SECONDS = 60;

async function timed<T>(name: string, fn: () => Promise<T>): Promise<Check & { value?: T }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, fail) => (timer = setTimeout(() => fail(new Error("timeout after 2 s")), 2_000)),
  );
  try {
    const value = await Promise.race([fn(), timeout]);
    return { ok: true, latencyMs: Math.round(performance.now() - started), value };
  } catch (err) {
    // The detail (host, port, driver message) goes to the log, not to anonymous callers.
    getLogger("health").error({ err }, `${name} check failed`);
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: "unavailable" };
  } finally {
    clearTimeout(timer);
  }
}

/** The newest migration this build ships (db/migrations/meta/_journal.json), as drizzle records it. */
export const LATEST_MIGRATION = journal.entries.reduce((max, e) => Math.max(max, e.when), 0);

/** Readiness: database round-trip, migrations applied up to this build's newest, job queue reachable. */
export async function checkReadiness() {
  const db = await timed("db", () => getPool().query("select 1"));
  const migrations = db.ok
    ? await timed("migrations", async () => {
        const { rows } = await getPool().query<{ latest: string | null }>(
          "select max(created_at)::text as latest from drizzle.__drizzle_migrations",
        );
        const applied = Number(rows[0]?.latest ?? 0);
        if (applied < LATEST_MIGRATION)
          throw new Error(`migrations behind: ${applied} < ${LATEST_MIGRATION}`);
        return applied;
      })
    : { ok: false, latencyMs: 0, error: "database unavailable" };
  const queue = db.ok
    ? await timed("queue", () => getPool().query(`select count(*) from ${BOSS_SCHEMA}.queue`))
    : { ok: false, latencyMs: 0, error: "database unavailable" };
  const shuttingDown = isShuttingDown();
  return { ok: db.ok && migrations.ok && queue.ok && !shuttingDown, db, migrations, queue, shuttingDown };
}

export type QueueStats = {
  name: string;
  backlog: number;
  active: number;
  oldestPendingSeconds: number | null;
  failedLastHour: number;
};

/** Per queue: jobs due and waiting, running, the oldest waiting one's age, and failures in the last hour. */
export async function readQueueStats(): Promise<QueueStats[]> {
  const { rows } = await getPool().query<{
    name: string;
    backlog: number;
    active: number;
    oldest: number | null;
    failed: number;
  }>(`
    select q.name,
           count(j.id) filter (where j.state < 'active' and j.start_after <= now())::int as backlog,
           count(j.id) filter (where j.state = 'active')::int as active,
           extract(epoch from now() - min(j.created_on) filter (where j.state < 'active' and j.start_after <= now()))::float8 as oldest,
           count(j.id) filter (where j.state = 'failed' and j.completed_on > now() - interval '1 hour')::int as failed
    from ${BOSS_SCHEMA}.queue q
    left join ${BOSS_SCHEMA}.job j on j.name = q.name and (j.state < 'completed' or j.completed_on > now() - interval '1 hour')
    group by q.name order by q.name`);
  return rows.map((r) => ({
    name: r.name,
    backlog: r.backlog,
    active: r.active,
    oldestPendingSeconds: r.oldest === null ? null : Math.round(r.oldest),
    failedLastHour: r.failed,
  }));
}

export type WorkerStats = { alive: number; lastHeartbeatSecondsAgo: number | null };

export async function readWorkerStats(): Promise<WorkerStats> {
  const { rows } = await getPool().query<{ alive: number; ago: number | null }>(
    `select count(*) filter (where beat_at > now() - make_interval(secs => $1))::int as alive,
            extract(epoch from now() - max(beat_at))::float8 as ago
     from worker_heartbeats`,
    [HEARTBEAT_STALE_SECONDS],
  );
  const ago = rows[0]?.ago;
  return { alive: rows[0]?.alive ?? 0, lastHeartbeatSecondsAgo: ago == null ? null : Math.round(ago) };
}

/** GET /api/health: readiness plus the queue and worker figures an operator watches. */
export async function checkHealth() {
  const ready = await checkReadiness();
  const queues = ready.db.ok ? await timed("queue stats", readQueueStats) : undefined;
  const workers = ready.db.ok ? await timed("worker heartbeat", readWorkerStats) : undefined;
  const workersOk = Boolean(workers?.ok && workers.value && workers.value.alive > 0);
  return { ...ready, ok: ready.ok && workersOk, queues, workers, workersOk };
}

type Health = Awaited<ReturnType<typeof checkHealth>>;
type Readiness = Awaited<ReturnType<typeof checkReadiness>>;

const check = (c: Check) => ({ ok: c.ok, latency_ms: c.latencyMs, ...(c.error && { error: c.error }) });

export function toReadinessJson(r: Readiness) {
  return {
    ok: r.ok,
    db: check(r.db),
    migrations: check(r.migrations),
    queue: check(r.queue),
    ...(r.shuttingDown && { shutting_down: true }),
  };
}

/** GET /api/health's body, snake_case like the rest of the API. */
export function toHealthJson(health: Health) {
  return {
    ...toReadinessJson(health),
    ok: health.ok,
    queues: (health.queues?.value ?? []).map((q) => ({
      name: q.name,
      backlog: q.backlog,
      active: q.active,
      oldest_pending_seconds: q.oldestPendingSeconds,
      failed_last_hour: q.failedLastHour,
    })),
    workers: {
      ok: health.workersOk,
      alive: health.workers?.value?.alive ?? 0,
      last_heartbeat_seconds_ago: health.workers?.value?.lastHeartbeatSecondsAgo ?? null,
    },
  };
}
