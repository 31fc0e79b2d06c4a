import { afterAll, describe, expect, it } from "vitest";
import { GET as health } from "../../app/api/health/route.ts";
import { GET as live } from "../../app/api/health/live/route.ts";
import { GET as ready } from "../../app/api/health/ready/route.ts";
import { closeDb, getPool } from "../../lib/db/client.ts";
import { startWorkerHeartbeat } from "../../lib/health/record-worker-heartbeat.ts";

afterAll(() => closeDb());

describe("health endpoints", () => {
  it("live answers without the database", async () => {
    const res = live();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("ready checks the database, the migrations and the queue", async () => {
    const res = await ready();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      db: { ok: true },
      migrations: { ok: true },
      queue: { ok: true },
    });
  });

  it("health is 503 without a worker heartbeat and 200 with one, with per-queue figures", async () => {
    await getPool().query("delete from worker_heartbeats");
    const without = await health();
    expect(without.status).toBe(503);
    expect(await without.json()).toMatchObject({ ok: false, workers: { ok: false, alive: 0 } });

    const heartbeat = startWorkerHeartbeat(getPool(), 60_000);
    try {
      await expect
        .poll(
          async () => (await getPool().query("select count(*)::int as n from worker_heartbeats")).rows[0].n,
        )
        .toBe(1);
      const res = await health();
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body.workers).toMatchObject({ ok: true, alive: 1 });
      expect(body.workers.last_heartbeat_seconds_ago).toBeLessThan(5);
      expect(body.queues.length).toBeGreaterThan(3);
      expect(body.queues[0]).toEqual({
        name: expect.any(String),
        backlog: expect.any(Number),
        active: expect.any(Number),
        // Other test files leave jobs on this database: a queue with a backlog has an age, an empty one none.
        oldest_pending_seconds: body.queues[0].backlog > 0 ? expect.any(Number) : null,
        failed_last_hour: expect.any(Number),
      });
    } finally {
      await heartbeat.stop();
    }
    expect((await getPool().query("select count(*)::int as n from worker_heartbeats")).rows[0].n).toBe(0);
  });
});
