import { getEnv } from "../../env.ts";
import { getPool } from "../db/client.ts";
import { INTAKE_BUSY_CHANNEL, startIntakePressureReporter } from "../jobs/intake-first.ts";
import { getLogger } from "../log/logger.ts";
import { isShuttingDown } from "./handle-shutdown.ts";

const state = globalThis as { __norvaltIntakeReporter?: boolean };

/** The web's busy signal: a NOTIFY the worker's job listener hears (jobs/listen-for-jobs.ts). */
export function signalIntakeBusy(): Promise<unknown> {
  return getPool().query("select pg_notify($1, '')", [INTAKE_BUSY_CHANNEL]);
}

/** The web process tells the worker when it is saturated (lib/jobs/intake-first.ts); once per process. */
export function startWebIntakeReporter(): void {
  const env = getEnv();
  if (state.__norvaltIntakeReporter || env.NORVALT_INTAKE_FIRST === "off" || !env.DATABASE_URL) return;
  state.__norvaltIntakeReporter = true;
  let warned = false;
  startIntakePressureReporter({
    // Not once shutdown has begun: the pool is closing (getPool() would open a new one).
    signalBusy: async () => {
      if (isShuttingDown()) return;
      await signalIntakeBusy();
      warned = false;
    },
    waitingForConnection: () => (isShuttingDown() ? 0 : getPool().waitingCount),
    // Once per outage: while the database is down every sample would say the same.
    onError: (err) => {
      if (warned) return;
      warned = true;
      getLogger("web").warn({ err }, "could not signal a busy intake to the worker");
    },
  });
}
