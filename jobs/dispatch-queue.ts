import type { CommandResponse, JobAttempt, PgBoss } from "pg-boss";
import { beginFirstReplyWork, yieldToFirstReplies } from "../lib/jobs/first-reply-priority.ts";
import { INTAKE_BUSY_POLL_MS, type IntakeGate } from "../lib/jobs/intake-first.ts";

const COMPLETION_BATCH_MS = 5;

/** A job as `boss.fetch` hands it out; `retryCount` fences complete/fail/touch to this attempt. */
export type FetchedJob = {
  id: string;
  data: unknown;
  retryCount: number;
  expireInSeconds: number;
  heartbeatSeconds: number | null;
};

/** Fences complete/fail/touch to the attempt this worker fetched: a retried job's newer attempt is left alone. */
const attemptOf = (job: FetchedJob): JobAttempt => ({ id: job.id, retryCount: job.retryCount });

/**
 * touch() answers the ids it refreshed in `settled`, though pg-boss declares CommandResponse as `{}`.
 * tests/integration/vendor-contracts.test.ts holds pg-boss (pinned exactly) to it.
 */
type TouchResponse = CommandResponse & { settled?: string[] };

export type QueueDispatcher = {
  /** Something may be waiting (NOTIFY, a reconnect): fetch now instead of at the next poll. */
  wake: () => void;
  /** Stop fetching, wait up to `timeoutMs` for running jobs, then abort and fail the rest so they are retried. */
  stop: (timeoutMs: number) => Promise<void>;
};

/**
 * Runs one queue's jobs with up to `concurrency` at once, each job on its own. pg-boss's `work()` runs a fetch
 * loop per slot that waits for its whole batch before fetching again, so with a 1.5 s model 32 slots answered
 * fewer than 20 leads/s, and one NOTIFY woke every idle loop into a fetch query of its own (bench:respond).
 * Here a single loop fetches exactly as many jobs as there are free slots, and a finished job frees its slot at
 * once: one fetch per wake-up, and a slow job never holds back a fast one.
 */
export function dispatchQueue(options: {
  boss: PgBoss;
  name: string;
  concurrency: number;
  /** Backstop poll: NOTIFY fires for new jobs only, not for retries coming due or jobs with startAfter. */
  pollIntervalMs: number;
  handle: (job: FetchedJob, signal: AbortSignal) => Promise<void>;
  log: (line: string) => void;
  /** See JobDefinition.priority: first-reply work is marked while fetched and run; background work yields to it. */
  priority?: "first_reply" | "background";
  /** While a web process is saturated, each fetch waits for its turn and takes one job (lib/jobs/intake-first.ts). */
  intakeGate?: IntakeGate;
}): QueueDispatcher {
  const { boss, name, concurrency, pollIntervalMs, handle, log, priority, intakeGate } = options;
  const stopped = new AbortController();
  const track = priority === "first_reply" ? beginFirstReplyWork : () => () => {};
  type Running = {
    job: FetchedJob;
    abort: AbortController;
    done: Promise<void>;
    /** When the claim was last refreshed (or taken). */
    beatAt: number;
  };
  const running = new Map<string, Running>();
  let stopping = false;
  // Set by a NOTIFY or a fetch that filled its batch: more may be waiting once a slot frees up.
  let moreWaiting = false;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  let lastPollAt = -Infinity;

  // Completions within a few milliseconds of each other are recorded in one statement: under load that is one
  // round trip for many jobs instead of one each (three jobs per lead). A failure is recorded at once.
  let completions: { job: FetchedJob; recorded: (err?: Error) => void }[] = [];
  let completionTimer: NodeJS.Timeout | undefined;
  function completeSoon(job: FetchedJob): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      completions.push({ job, recorded: (err) => (err ? reject(err) : resolve()) });
      completionTimer ??= setTimeout(recordCompletions, COMPLETION_BATCH_MS);
    });
  }
  function recordCompletions() {
    const batch = completions;
    completions = [];
    completionTimer = undefined;
    boss
      .complete(
        name,
        batch.map(({ job }) => attemptOf(job)),
      )
      .then(
        () => batch.forEach((c) => c.recorded()),
        (err: Error) => batch.forEach((c) => c.recorded(err)),
      );
  }

  // A first-reply queue's wake-up counts as first-reply work until its fetch has run.
  let pendingWake: (() => void) | undefined;
  const wake = () => {
    if (priority === "first_reply") pendingWake ??= beginFirstReplyWork();
    woken = true;
    moreWaiting = true;
    wakeUp?.();
  };

  function start(job: FetchedJob) {
    const abort = new AbortController();
    const ended = track();
    // pg-boss fails a job that outlives expireInSeconds; the handler should stop working on it then, too.
    const expiry = setTimeout(() => abort.abort(new Error("job expired")), job.expireInSeconds * 1000);
    const done = handle(job, abort.signal)
      .then(
        () => completeSoon(job),
        (err: Error) =>
          boss.fail(name, attemptOf(job), {
            message: err?.message ?? String(err),
            stack: err?.stack,
          }),
      )
      .then(
        () => {},
        // Settling failed (database gone): the heartbeat stops, so the supervisor retries the job.
        (err: Error) => log(`${name} ${job.id}: could not record the outcome: ${err.message}`),
      )
      .finally(() => {
        ended();
        clearTimeout(expiry);
        running.delete(job.id);
        if (moreWaiting) wakeUp?.();
      });
    running.set(job.id, { job, abort, done, beatAt: Date.now() });
  }

  /**
   * One fetch for the free slots. Returns true when the loop should fetch again at once: paced by a busy intake,
   * it took its one job and slots are still free.
   */
  async function fetchFree(free: number, hinted: boolean): Promise<boolean> {
    if (free <= 0) return false;
    const busy = intakeGate?.isBusy() === true;
    // While intake is busy a backstop poll (nothing hinted at work) runs only every INTAKE_BUSY_POLL_MS, and takes
    // one job without a turn: turns are for queues with work, and only a poll finds retries and delayed jobs.
    if (busy && !hinted && performance.now() - lastPollAt < INTAKE_BUSY_POLL_MS) return false;
    if (!hinted) lastPollAt = performance.now();
    moreWaiting = false;
    // A background queue takes no new job while a first reply is in flight (bounded wait).
    if (priority === "background") {
      await yieldToFirstReplies();
      if (stopping) return false;
    }
    const paced = hinted ? ((await intakeGate?.takeTurn(stopped.signal)) ?? false) : busy;
    if (stopping) return false;
    const batchSize = paced ? 1 : free;
    try {
      const jobs = (await boss.fetch(name, { batchSize })) as unknown as FetchedJob[];
      for (const job of jobs) start(job);
      if (jobs.length === batchSize) moreWaiting = true;
      return paced && jobs.length === 1 && running.size < concurrency;
    } catch (err) {
      log(`${name}: fetch failed: ${(err as Error).message}`);
      return false;
    }
  }

  const loop = (async () => {
    while (!stopping) {
      // Whether anything said jobs may be waiting (a NOTIFY, a full batch), or this is only the backstop poll.
      const hinted = woken || moreWaiting;
      woken = false;
      // Woken by a NOTIFY: a first reply's job is committed and about to be fetched (a backstop poll is not).
      const fetching = pendingWake ?? (() => {});
      pendingWake = undefined;
      let again = false;
      try {
        again = await fetchFree(concurrency - running.size, hinted);
      } finally {
        fetching(); // also when stop() ended the wait for a turn
      }
      if (stopping || again || (woken && concurrency > running.size)) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  })();

  // Keep the claims of running jobs alive at half their heartbeat: a worker that dies stops beating and its jobs
  // are retried by the supervisor (~20 s with our 10 s heartbeats) instead of after expireInSeconds.
  const heartbeat = setInterval(() => {
    const now = Date.now();
    const due = [...running.values()].filter(
      ({ job, beatAt }) => job.heartbeatSeconds && now - beatAt >= (job.heartbeatSeconds * 1000) / 2,
    );
    if (!due.length) return;
    for (const entry of due) entry.beatAt = now;
    boss
      .touch(
        name,
        due.map(({ job }) => attemptOf(job)),
      )
      .then(
        (response: TouchResponse) => {
          const settled = response.settled;
          if (!settled) return;
          // A claim that is gone (expired, cancelled, failed by a supervisor) is no longer ours to finish.
          const alive = new Set(settled);
          for (const { job, abort } of due) if (!alive.has(job.id)) abort.abort(new Error("claim lost"));
        },
        (err: Error) => log(`${name}: heartbeat failed: ${err.message}`),
      );
  }, 1_000);
  heartbeat.unref();

  return {
    wake,
    async stop(timeoutMs) {
      stopping = true;
      stopped.abort();
      wakeUp?.();
      await loop;
      pendingWake?.();
      const all = Promise.all([...running.values()].map((r) => r.done));
      const timedOut = await Promise.race([
        all.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), timeoutMs).unref()),
      ]);
      if (timedOut) {
        // Their handlers see the abort and fail; the failure is recorded, so the jobs are retried promptly.
        for (const { abort } of running.values()) abort.abort(new Error("worker stopping"));
        await Promise.race([all, new Promise((r) => setTimeout(r, 5_000).unref())]);
      }
      clearInterval(heartbeat);
    },
  };
}
