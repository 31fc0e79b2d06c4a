import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getPool } from "../../lib/db/client.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { enqueue } from "../../lib/jobs/enqueue.ts";
import { spawnPrefixed, stopAllProcesses, type Managed } from "../../scripts/lib/processes.ts";
import { restartDelayMs, stopInOrder, supervise } from "../../scripts/lib/supervise.ts";

// What `npm run dev` / `npm run demo` do with their children (scripts/launch.ts uses these two functions): the real
// worker process (`node jobs/runner.ts`) on this file's own database, SIGKILLed, restarted with backoff and said so;
// then the ordered stop: web, worker, Postgres last.
const ROOT = join(import.meta.dirname, "../..");
const BACKOFF = { initialMs: 200, maxMs: 1_000, healthyAfterMs: 60_000 };
const lines: string[] = [];
const log = (line: string) => lines.push(line);

afterAll(async () => {
  await stopAllProcesses(5_000);
  await stopSenderBoss();
  await closeDb();
});

const startWorker = () =>
  spawnPrefixed("worker", process.execPath, [join(ROOT, "jobs/runner.ts")], {
    ...process.env,
    NODE_ENV: "test",
    NORVALT_PROCESS_NAME: "norvalt-supervision-test",
    LOG_LEVEL: "warn",
  });

async function until<T>(
  read: () => T | Promise<T>,
  done: (v: T) => boolean,
  what: string,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log: ${lines.join(" | ")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A job enqueued now is completed: a worker is running and taking jobs. */
async function workerTakesJobs() {
  const id = await enqueue("maintenance.purge", {});
  await until(
    async () =>
      (await getPool().query("select state::text from pgboss.job where id = $1", [id])).rows[0]?.state,
    (state) => state === "completed",
    `job ${id} to be completed`,
  );
}

describe("restart delays", () => {
  it("double from the initial pause for each crash in a row, up to the maximum", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelayMs(n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });
});

describe("a supervised worker", () => {
  it("is restarted after a SIGKILL with a growing pause, says so, and takes jobs again", async () => {
    const worker = supervise({ name: "worker", start: startWorker, log, backoff: BACKOFF });
    try {
      await workerTakesJobs();
      for (const [crash, pause] of [
        [1, "0.2"],
        [2, "0.4"],
      ] as const) {
        const killed = worker.current();
        process.kill(killed.child.pid!, "SIGKILL");
        await until(
          () => worker.current(),
          (c) => c !== killed,
          `restart ${crash}`,
        );
        expect(lines).toContainEqual(
          expect.stringMatching(
            new RegExp(
              `^worker was killed \\(SIGKILL\\) after [0-9.]+ s; restarting in ${pause} s \\(crash ${crash} in a row\\)$`,
            ),
          ),
        );
        expect(lines).toContainEqual(
          `worker restarted (pid ${worker.current().child.pid}, restart ${crash})`,
        );
        await workerTakesJobs();
      }
      expect(worker.restarts()).toBe(2);
    } finally {
      await worker.stop(10_000);
    }
    // Stopped on purpose: not restarted.
    expect(worker.current().child.exitCode ?? worker.current().child.signalCode).not.toBeNull();
    expect(worker.restarts()).toBe(2);
  }, 60_000);

  it("Ctrl-C: web, then the worker, then Postgres last", async () => {
    // A stand-in web process that takes a moment to close, as `next start` does.
    const web = supervise({
      name: "web",
      log,
      backoff: BACKOFF,
      start: () =>
        spawnPrefixed(
          "web",
          process.execPath,
          [
            "-e",
            "setInterval(() => {}, 1000); process.on('SIGTERM', () => setTimeout(() => process.exit(0), 300));",
          ],
          process.env,
        ),
    });
    const worker = supervise({ name: "worker", start: startWorker, log, backoff: BACKOFF });
    await workerTakesJobs();
    const order: string[] = [];
    const exitedAt = (m: Managed, name: string) => void m.exited.then(() => order.push(`${name} exited`));
    exitedAt(web.current(), "web");
    exitedAt(worker.current(), "worker");
    await stopInOrder(
      [
        { name: "web", stop: () => web.stop() },
        { name: "worker", stop: () => worker.stop() },
        { name: "Postgres", stop: async () => void order.push("Postgres stopped") },
      ],
      log,
    );
    expect(order).toEqual(["web exited", "worker exited", "Postgres stopped"]);
    expect(lines.filter((l) => l.startsWith("stopping "))).toEqual([
      "stopping web …",
      "stopping worker …",
      "stopping Postgres …",
    ]);
    // A stop is not a crash: nothing was restarted.
    expect(web.restarts() + worker.restarts()).toBe(0);
  }, 60_000);
});
