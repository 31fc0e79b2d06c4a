import type { EventLoopUtilization } from "node:perf_hooks";
import { performance } from "node:perf_hooks";
import { setTimeout as wait } from "node:timers/promises";

/*
 * Intake first (issue 24, bench:ingest). On a small machine the web, the worker and Postgres share the same cores.
 * When the web cannot keep up with what arrives (a flood of form posts, a bulk import), every core the worker
 * spends answering earlier leads is taken from storing new ones, and a lead that is not stored is lost: a website
 * visitor does not retry. A reply that comes a few seconds later is not lost. So while the web is saturated it says
 * so on a NOTIFY channel, and the worker paces itself: one job per fetch, at most one new job per
 * INTAKE_BUSY_JOB_INTERVAL_MS across all queues, until it has not heard from a busy web for INTAKE_BUSY_HOLD_MS.
 *
 * The pace, 10 jobs/s (three per lead: about 3 leads answered per second, 10,000 an hour), is more than a whole
 * installation receives in a normal hour, so only leads that arrive with a flood wait behind it. bench:ingest on
 * two cores: without pacing the form took 0.15–0.16 of the empty-route floor; 40 jobs/s, 0.23–0.25 (the worker
 * 0.6–0.8 ms CPU per posted lead); 10 jobs/s, 0.27 in three runs (0.2–0.3 ms).
 *
 * Nothing depends on the signal arriving: a web that dies, a lost NOTIFY or a listener reconnecting only means the
 * worker runs at full speed. NORVALT_INTAKE_FIRST=off switches it off on both sides.
 */

/** The NOTIFY channel a saturated web process signals on (no payload: the signal is the message). */
export const INTAKE_BUSY_CHANNEL = "norvalt_intake_busy";
/** How often the web samples its own load. */
export const INTAKE_SAMPLE_MS = 250;
/** Event-loop utilisation over one sample above which the web counts as saturated. */
export const INTAKE_BUSY_UTILISATION = 0.9;
/** How long the worker keeps pacing after the last busy signal (four samples: one lost NOTIFY changes nothing). */
export const INTAKE_BUSY_HOLD_MS = 1_000;
/** While intake is busy the worker starts at most one job per this interval, across all its queues. */
export const INTAKE_BUSY_JOB_INTERVAL_MS = 100;
/** While intake is busy a queue's backstop poll (for retries and delayed jobs) runs at most this often. */
export const INTAKE_BUSY_POLL_MS = 10_000;

export type IntakeGate = {
  /** A busy signal arrived: pace for the next INTAKE_BUSY_HOLD_MS. */
  markBusy: () => void;
  /** Whether a busy signal arrived within the last INTAKE_BUSY_HOLD_MS. */
  isBusy: () => boolean;
  /**
   * Before a fetch. Resolves at once with false while intake is not busy; while it is, waits for this fetch's
   * turn and resolves with true: the caller then fetches one job.
   */
  takeTurn: (signal?: AbortSignal) => Promise<boolean>;
};

export function createIntakeGate(
  options: {
    now?: () => number;
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
    holdMs?: number;
    intervalMs?: number;
    /**
     * Told when pacing first holds a fetch back, and when it ends (how many fetches it paced, over how long). A busy
     * second that paced nothing (a web busy rendering pages while the worker is idle) is not worth a line.
     */
    log?: (line: string) => void;
  } = {},
): IntakeGate {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? sleepUnlessAborted;
  const holdMs = options.holdMs ?? INTAKE_BUSY_HOLD_MS;
  const intervalMs = options.intervalMs ?? INTAKE_BUSY_JOB_INTERVAL_MS;
  let busyUntil = -Infinity;
  let nextTurnAt = -Infinity;
  // The pacing episode in progress: when it started and how many fetches waited for a turn.
  let episode: { startedAt: number; turns: number } | null = null;
  const endEpisode = (at: number) => {
    if (!episode) return;
    const seconds = ((Math.min(at, busyUntil) - episode.startedAt) / 1000).toFixed(1);
    if (episode.turns > 0)
      options.log?.(`intake calm again: paced ${episode.turns} fetches over ${seconds} s`);
    episode = null;
  };
  return {
    markBusy: () => {
      const at = now();
      if (at >= busyUntil) endEpisode(at);
      episode ??= { startedAt: at, turns: 0 };
      busyUntil = at + holdMs;
    },
    isBusy: () => now() < busyUntil,
    async takeTurn(signal) {
      const at = now();
      if (at >= busyUntil) {
        endEpisode(at);
        return false;
      }
      if (episode!.turns++ === 0)
        options.log?.("intake busy: the web is saturated, pacing jobs until it is not");
      // Turns are handed out in order: each fetch reserves the slot after the last one reserved.
      const turn = Math.max(at, nextTurnAt);
      nextTurnAt = turn + intervalMs;
      if (turn > at) await sleep(turn - at, signal);
      return true;
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts (a stopping worker does not wait out its turn). */
function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return wait(ms, undefined, { signal }).catch(() => {});
}

/**
 * The web's side: samples how busy this process is every INTAKE_SAMPLE_MS and calls `signalBusy` (a NOTIFY) for
 * every sample that finds it saturated: its event loop busy ≥ INTAKE_BUSY_UTILISATION of the time, or requests
 * waiting for a database connection at the sample and the one before it (the web then waits on Postgres, which
 * the worker shares). At most one signal is in flight; one that fails is dropped (the next sample sends again).
 */
export function startIntakePressureReporter(options: {
  signalBusy: () => Promise<unknown>;
  /** Requests waiting for a pool connection right now (pg.Pool's waitingCount). */
  waitingForConnection: () => number;
  measure?: (current?: EventLoopUtilization, previous?: EventLoopUtilization) => EventLoopUtilization;
  onError?: (err: Error) => void;
  intervalMs?: number;
}): { sample: () => void; stop: () => void } {
  const measure = options.measure ?? performance.eventLoopUtilization.bind(performance);
  let last = measure();
  let waitedBefore = false;
  let signalling = false;
  const sample = () => {
    const current = measure();
    const { utilization } = measure(current, last);
    last = current;
    const waiting = options.waitingForConnection() > 0;
    const busy = utilization >= INTAKE_BUSY_UTILISATION || (waiting && waitedBefore);
    waitedBefore = waiting;
    if (!busy || signalling) return;
    signalling = true;
    options
      .signalBusy()
      .catch((err: Error) => options.onError?.(err))
      .finally(() => {
        signalling = false;
      });
  };
  const timer = setInterval(sample, options.intervalMs ?? INTAKE_SAMPLE_MS);
  timer.unref();
  return { sample, stop: () => clearInterval(timer) };
}
