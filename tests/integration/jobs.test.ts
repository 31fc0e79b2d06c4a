import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { maintenancePurge } from "../../jobs/definitions/maintenance-purge.ts";
import { startWorker, type Worker } from "../../jobs/runner.ts";
import { closeDb, getDb } from "../../lib/db/client.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { enqueue } from "../../lib/jobs/enqueue.ts";

// The real queue and worker (pg-boss with LISTEN/NOTIFY) against the real test database; only the handler
// is replaced, so the test observes when each job starts.
const started = new Map<string, number>();
let worker: Worker;

beforeAll(async () => {
  worker = await startWorker({
    connectionString: process.env.DATABASE_URL!,
    definitions: [
      {
        ...maintenancePurge,
        handler: async (_payload, { jobId }) => void started.set(jobId, performance.now()),
      },
    ],
    log: () => {},
    // Polling as a slow backstop only: pickup within the bound below must come from NOTIFY.
    pollingIntervalSeconds: 30,
  });
});

afterAll(async () => {
  await worker.stop(); // no-op when a test already stopped it
  await stopSenderBoss();
  await closeDb();
});

async function waitForStart(jobId: string, timeoutMs: number): Promise<number | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const at = started.get(jobId);
    if (at !== undefined) return at;
    await new Promise((r) => setTimeout(r, 5));
  }
  return undefined;
}

describe("enqueue in the caller's transaction", () => {
  it("never runs a job whose transaction rolled back", async () => {
    let jobId: string | null = null;
    await expect(
      getDb().transaction(async (tx) => {
        jobId = await enqueue("maintenance.purge", {}, { tx });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const { rows } = await getDb().execute(sql`select 1 from pgboss.job where id = ${jobId}`);
    expect(rows).toHaveLength(0);
    expect(await waitForStart(jobId!, 1_000)).toBeUndefined();
  });

  it("starts a committed job within 200 ms (median of 5)", async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      let jobId: string | null = null;
      let committedAt = 0;
      await getDb().transaction(async (tx) => {
        jobId = await enqueue("maintenance.purge", {}, { tx });
        committedAt = performance.now(); // COMMIT follows; the job may start before this promise resolves
      });
      const startedAt = await waitForStart(jobId!, 5_000);
      expect(startedAt, `job ${i} never started`).toBeDefined();
      latencies.push(startedAt! - committedAt);
    }
    latencies.sort((a, b) => a - b);
    console.log(`commit → handler start (ms): ${latencies.map((l) => l.toFixed(1)).join(", ")}`);
    expect(latencies[2]).toBeLessThan(200);
  });

  it("dead-letters a payload that fails the job's schema instead of calling the handler", async () => {
    await worker.stop(); // this test needs the queue to itself
    let handlerCalls = 0;
    const strict = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      definitions: [
        {
          ...maintenancePurge,
          schema: z.object({ leadId: z.uuid() }),
          handler: async () => void handlerCalls++,
        },
      ],
      log: () => {},
    });
    try {
      // What a stale producer with an old payload shape would send.
      const jobId = await strict.boss.send("maintenance.purge", { leadId: "not-a-uuid" });
      const deadline = Date.now() + 5_000;
      let dead: unknown[] = [];
      while (Date.now() < deadline && dead.length === 0) {
        ({ rows: dead } = await getDb().execute(
          sql`select data from pgboss.job where name = 'maintenance.purge.dead' and data->>'jobId' = ${jobId}`,
        ));
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(dead).toHaveLength(1);
      expect(handlerCalls).toBe(0);
    } finally {
      await strict.stop();
    }
  });
});
