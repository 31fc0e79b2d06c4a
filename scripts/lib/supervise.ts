// Supervision for `npm run dev` / `npm run demo`: a child that dies (crash, OOM kill, SIGKILL) is started again
// after a growing pause, and the launcher says so; an ordered stop takes web and worker down before Postgres.
// Production relies on its process manager instead (compose restart policies).
import { stopProcess, type Managed } from "./processes.ts";

export type Backoff = {
  /** Pause before the first restart; doubled for each further crash in a row. */
  initialMs: number;
  maxMs: number;
  /** A child that ran this long before it died counts as healthy: the next restart waits initialMs again. */
  healthyAfterMs: number;
};

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 30_000, healthyAfterMs: 60_000 };

export type Supervised = {
  name: string;
  /** The child running now (or the one that died, while a restart is pending). */
  current: () => Managed;
  /** How many times the child was started again. */
  restarts: () => number;
  /** No more restarts; stops the running child (SIGTERM to its group, SIGKILL after graceMs). */
  stop: (graceMs?: number) => Promise<void>;
};

/** The delay before restart number `crashesInARow` (1-based). */
export function restartDelayMs(crashesInARow: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, crashesInARow - 1));
}

export function supervise(options: {
  name: string;
  start: () => Managed;
  log: (line: string) => void;
  backoff?: Backoff;
}): Supervised {
  const { name, start, log, backoff = DEFAULT_BACKOFF } = options;
  let stopped = false;
  let restarts = 0;
  let crashesInARow = 0;
  let pending: NodeJS.Timeout | undefined;
  let child: Managed;

  const launch = () => {
    const startedAt = performance.now();
    child = start();
    const mine = child;
    void mine.exited.then((code) => {
      if (stopped) return;
      const ranMs = performance.now() - startedAt;
      crashesInARow = ranMs >= backoff.healthyAfterMs ? 1 : crashesInARow + 1;
      const delay = restartDelayMs(crashesInARow, backoff);
      const how = mine.child.signalCode
        ? `was killed (${mine.child.signalCode})`
        : `exited with code ${code}`;
      log(
        `${name} ${how} after ${(ranMs / 1000).toFixed(1)} s; restarting in ${(delay / 1000).toFixed(1)} s` +
          ` (crash ${crashesInARow} in a row)`,
      );
      pending = setTimeout(() => {
        pending = undefined;
        if (stopped) return;
        restarts++;
        launch();
        log(`${name} restarted (pid ${child.child.pid}, restart ${restarts})`);
      }, delay);
    });
  };
  launch();

  return {
    name,
    current: () => child,
    restarts: () => restarts,
    stop: async (graceMs) => {
      stopped = true;
      if (pending) clearTimeout(pending);
      await stopProcess(child, graceMs);
    },
  };
}

/** Stops each step after the one before has finished, saying so: e.g. web, then worker, then Postgres. */
export async function stopInOrder(
  steps: { name: string; stop: () => Promise<void> }[],
  log: (line: string) => void,
): Promise<void> {
  for (const step of steps) {
    log(`stopping ${step.name} …`);
    try {
      await step.stop();
    } catch (err) {
      log(`${step.name} did not stop cleanly: ${(err as Error).message}`);
    }
  }
}
