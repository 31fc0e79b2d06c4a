import { closeDb } from "../db/client.ts";
import { stopSenderBoss } from "../jobs/boss.ts";
import { getLogger } from "../log/logger.ts";
import { closeDealershipEvents } from "../realtime/dealership-events.ts";
import { flushErrorReports } from "./report-error.ts";
import { flushWebhookLog } from "../webhook-log/record-webhook-request.ts";

const state = globalThis as { __norvaltShuttingDown?: boolean; __norvaltShutdownHooked?: boolean };

/** True once SIGTERM arrived: /api/health/ready answers 503 so the load balancer stops sending traffic. */
export function isShuttingDown(): boolean {
  return state.__norvaltShuttingDown === true;
}

/**
 * The web process's SIGTERM/SIGINT: stop being ready, give the load balancer `drainMs` to notice and in-flight
 * requests to finish, write the buffered webhook request log, close the LISTEN connection, the job sender and the
 * pool, then exit. Needs NEXT_MANUAL_SIG_HANDLE=true (Dockerfile, compose.yaml): otherwise Next exits at once.
 */
export function handleWebShutdown(drainMs = Number(process.env.NORVALT_SHUTDOWN_DRAIN_MS ?? 3_000)): void {
  if (state.__norvaltShutdownHooked || !process.env.NEXT_MANUAL_SIG_HANDLE) return;
  state.__norvaltShutdownHooked = true;
  const shutdown = async (signal: string) => {
    if (state.__norvaltShuttingDown) return;
    state.__norvaltShuttingDown = true;
    const log = getLogger("web");
    log.info(`${signal} received: draining for ${drainMs} ms, then closing`);
    await new Promise((done) => setTimeout(done, drainMs));
    await flushWebhookLog().catch(() => {});
    await closeDealershipEvents().catch(() => {});
    await stopSenderBoss().catch(() => {});
    await closeDb().catch(() => {});
    await flushErrorReports();
    log.info("web stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
