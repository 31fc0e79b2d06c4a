import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { leadWaiting } from "../../jobs/definitions/lead-waiting.ts";
import { maintenancePurge } from "../../jobs/definitions/maintenance-purge.ts";
import { startWorker, type Worker } from "../../jobs/runner.ts";
import { closeDb, getDb } from "../../lib/db/client.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { enqueue } from "../../lib/jobs/enqueue.ts";
import { createIntakeGate, INTAKE_BUSY_JOB_INTERVAL_MS } from "../../lib/jobs/intake-first.ts";
import { signalIntakeBusy } from "../../lib/startup/start-web-intake-reporter.ts";
import type { ErrorTags } from "../../lib/integrations/error-reporter/error-reporter.ts";
import { setErrorReporter } from "../../lib/startup/report-error.ts";

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
    // Not a sleep: a job committed afterwards has run, so a phantom of the rolled-back one would have too.
    const marker = await enqueue("maintenance.purge", {});
    expect(await waitForStart(marker!, 10_000)).toBeDefined();
    expect(started.has(jobId!)).toBe(false);
  });

  // How fast (commit → handler start) is a figure for the benches; here: the pickup comes from NOTIFY, not from the
  // 30 s polling backstop (each job starts long before a poll could have found it).
  it("starts a committed job on NOTIFY, without waiting for a poll", async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      let jobId: string | null = null;
      let committedAt = 0;
      await getDb().transaction(async (tx) => {
        jobId = await enqueue("maintenance.purge", {}, { tx });
        committedAt = performance.now(); // COMMIT follows; the job may start before this promise resolves
      });
      const startedAt = await waitForStart(jobId!, 10_000);
      expect(startedAt, `job ${i} never started`).toBeDefined();
      latencies.push(startedAt! - committedAt);
    }
    latencies.sort((a, b) => a - b);
    console.log(`commit → handler start (ms): ${latencies.map((l) => l.toFixed(1)).join(", ")}`);
  });

  it("runs jobs side by side up to the queue's concurrency, and a slow job never holds back the next", async () => {
    await worker.stop(); // this test needs the queue to itself
    let running = 0;
    let mostAtOnce = 0;
    const startedAt = new Map<string, number>();
    const finished = new Set<string>();
    const finishOrder: string[] = [];
    const sideBySide = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      definitions: [
        {
          ...maintenancePurge,
          schema: z.object({ ms: z.number() }),
          concurrency: 3,
          handler: async (payload, { jobId }) => {
            const { ms } = payload as { ms: number };
            startedAt.set(jobId, performance.now());
            mostAtOnce = Math.max(mostAtOnce, ++running);
            await new Promise((r) => setTimeout(r, ms));
            running--;
            finished.add(jobId);
            finishOrder.push(jobId);
          },
        },
      ],
      log: () => {},
      pollingIntervalSeconds: 30,
    });
    try {
      const slow = await sideBySide.boss.send("maintenance.purge", { ms: 1_500 });
      // The slow job is running before the others are sent (an event, not a sleep).
      while (!startedAt.has(slow!)) await new Promise((r) => setTimeout(r, 10));
      const fast = await sideBySide.boss.send("maintenance.purge", { ms: 10 });
      const batch = await Promise.all(
        Array.from({ length: 8 }, () => sideBySide.boss.send("maintenance.purge", { ms: 100 })),
      );
      const all = [slow!, fast!, ...batch.map((id) => id!)];
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && finished.size < all.length) await new Promise((r) => setTimeout(r, 20));

      expect(finished.size).toBe(all.length);
      // The fast job and the batch finished while the slow one was still running: order, not a time limit.
      expect(finishOrder.at(-1)).toBe(slow);
      expect(finishOrder.indexOf(fast!)).toBeLessThan(finishOrder.indexOf(slow!));
      expect(mostAtOnce).toBe(3);
      // Completions are recorded in batches a few ms after the handlers return; stop() waits for them.
      await sideBySide.stop();
      const { rows } = await getDb().execute<{ state: string }>(
        sql`select state from pgboss.job where id = any(${`{${all.join(",")}}`}::uuid[])`,
      );
      expect(rows.map((r) => r.state)).toEqual(all.map(() => "completed"));
    } finally {
      await sideBySide.stop();
    }
  });

  it("records a failed handler as a failed attempt, to be retried", async () => {
    await worker.stop();
    const failing = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      definitions: [
        {
          ...maintenancePurge,
          handler: async () => {
            throw new Error("vendor down");
          },
        },
      ],
      log: () => {},
    });
    try {
      const jobId = await failing.boss.send("maintenance.purge", {}, { retryLimit: 1, retryDelay: 60 });
      const deadline = Date.now() + 5_000;
      let row: { state: string; retry_count: number; output: { message?: string } } | undefined;
      while (Date.now() < deadline && row?.state !== "retry") {
        ({
          rows: [row],
        } = await getDb().execute<NonNullable<typeof row>>(
          sql`select state, retry_count, output from pgboss.job where id = ${jobId}`,
        ));
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(row).toMatchObject({ state: "retry", output: { message: "vendor down" } });
    } finally {
      await failing.stop();
    }
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

  it("reports a job to the error tracker once, when it fails for good, not on each retry", async () => {
    await worker.stop();
    const reports: { error: unknown; tags?: ErrorTags }[] = [];
    setErrorReporter({
      captureException: (error, tags) => void reports.push({ error, tags }),
      flush: async () => true,
    });
    const failing = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      definitions: [
        {
          ...maintenancePurge,
          options: { ...maintenancePurge.options, retryLimit: 1 },
          handler: async () => {
            throw new Error("vendor down for good");
          },
        },
      ],
      log: () => {},
    });
    const stateOf = async (id: string) =>
      (await getDb().execute<{ state: string }>(sql`select state from pgboss.job where id = ${id}`)).rows[0]
        ?.state;
    const waitFor = async (id: string, state: string) => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (await stateOf(id)) !== state)
        await new Promise((r) => setTimeout(r, 50));
      expect(await stateOf(id)).toBe(state);
    };
    try {
      // First attempt of two: a retry is due in 3 s, nothing reported.
      const jobId = await failing.boss.send("maintenance.purge", {}, { retryLimit: 1, retryDelay: 3 });
      await waitFor(jobId!, "retry");
      expect(reports).toHaveLength(0);
      // The last attempt fails too: failed for good, reported once with queue and job id.
      await waitFor(jobId!, "failed");
      expect(reports).toHaveLength(1);
      expect(reports[0]!.tags).toEqual({ queue: "maintenance.purge", job_id: jobId });
      expect((reports[0]!.error as Error).message).toBe("vendor down for good");
    } finally {
      setErrorReporter(undefined);
      await failing.stop();
    }
  }, 60_000);
});

describe("first replies before follow-ups (issue 19, lib/jobs/first-reply-priority.ts)", () => {
  it("takes no background job while a first-reply job runs, and takes it once that ends", async () => {
    await worker.stop(); // these queues to this worker alone
    let releaseFirstReply!: () => void;
    const firstReplyDone = new Promise<void>((r) => (releaseFirstReply = r));
    const startedAt = new Map<string, number>();
    let releasedAt = 0;
    // Stand-ins on two real queues: a first reply that runs until released, and a drain job that records its start.
    const prioritised = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      definitions: [
        {
          ...maintenancePurge,
          priority: "first_reply",
          handler: async (_payload, { jobId }) => {
            startedAt.set(jobId, performance.now());
            await firstReplyDone;
          },
        },
        {
          ...leadWaiting,
          priority: "background",
          handler: async (_payload, { jobId }) => void startedAt.set(jobId, performance.now()),
        },
      ],
      log: () => {},
      pollingIntervalSeconds: 30,
    });
    try {
      const firstReply = await prioritised.boss.send("maintenance.purge", {});
      while (!startedAt.has(firstReply!)) await new Promise((r) => setTimeout(r, 5));
      const background = await prioritised.boss.send("rep.lead-waiting", {});
      // Long enough that a background job picked up on its NOTIFY (a few ms) would have started by now.
      setTimeout(() => {
        releasedAt = performance.now();
        releaseFirstReply();
      }, 300);
      const deadline = performance.now() + 10_000;
      while (!startedAt.has(background!) && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      expect(startedAt.get(background!)).toBeDefined();
      expect(releasedAt).toBeGreaterThan(0);
      expect(startedAt.get(background!)!).toBeGreaterThanOrEqual(releasedAt);
    } finally {
      releaseFirstReply();
      await prioritised.stop();
    }
  });
});

describe("intake first (issue 24, lib/jobs/intake-first.ts)", () => {
  it("a busy web's NOTIFY paces the worker to one job per turn; once calm it takes a full batch again", async () => {
    await worker.stop(); // this queue to this worker alone
    // The gate's clock moves only by the waits it asks for, so the spacing of job starts is exact, not timed.
    const clock = { now: 0 };
    const lines: string[] = [];
    const gate = createIntakeGate({
      now: () => clock.now,
      sleep: async (ms) => void (clock.now += ms),
      log: (line) => lines.push(line),
    });
    let busySignals = 0;
    let pacedTurns = 0;
    const startedAt = new Map<string, number>();
    const paced = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      definitions: [
        {
          ...maintenancePurge,
          concurrency: 4,
          handler: async (_payload, { jobId }) => void startedAt.set(jobId, clock.now),
        },
      ],
      log: () => {},
      pollingIntervalSeconds: 30,
      intakeGate: {
        markBusy: () => {
          busySignals++;
          gate.markBusy();
        },
        isBusy: gate.isBusy,
        takeTurn: async (signal) => {
          const paced = await gate.takeTurn(signal);
          if (paced) pacedTurns++;
          return paced;
        },
      },
    });
    const waitForStarts = async (ids: string[]) => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && !ids.every((id) => startedAt.has(id)))
        await new Promise((r) => setTimeout(r, 10));
      expect(ids.filter((id) => !startedAt.has(id))).toEqual([]);
      return ids.map((id) => startedAt.get(id)!);
    };
    try {
      // What the web sends when saturated, through the app's pool, reaches the worker's listener.
      await signalIntakeBusy();
      const deadline = Date.now() + 10_000;
      while (busySignals === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(busySignals).toBe(1);

      // Sent in one transaction (one NOTIFY): while busy they start one per fetch, a turn apart.
      const busyIds = await paced.boss.insert(
        "maintenance.purge",
        Array.from({ length: 4 }, () => ({ data: {} })),
        { returnId: true },
      );
      const busyStarts = (await waitForStarts(busyIds as string[])).sort((a, b) => a - b);
      for (let i = 1; i < busyStarts.length; i++)
        expect(busyStarts[i]! - busyStarts[i - 1]!).toBeGreaterThanOrEqual(INTAKE_BUSY_JOB_INTERVAL_MS);

      expect(pacedTurns).toBeGreaterThanOrEqual(busyIds!.length);
      expect(lines).toEqual(["intake busy: the web is saturated, pacing jobs until it is not"]);

      // No busy signal for longer than the hold: no turn is paced any more, and all four start at one moment.
      clock.now += 60_000;
      const pacedWhileBusy = pacedTurns;
      const calmIds = await paced.boss.insert(
        "maintenance.purge",
        Array.from({ length: 4 }, () => ({ data: {} })),
        { returnId: true },
      );
      const calmStarts = await waitForStarts(calmIds as string[]);
      expect(new Set(calmStarts)).toEqual(new Set([clock.now]));
      expect(pacedTurns).toBe(pacedWhileBusy);
      expect(lines[1]).toMatch(/^intake calm again: paced \d+ fetches over \d+\.\d s$/);
    } finally {
      await paced.stop();
    }
  });
});
