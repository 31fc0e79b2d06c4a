// The worker process: `node jobs/runner.ts`. Runs every registered job with instant pickup (LISTEN/NOTIFY),
// parses each payload with its job's schema, and finishes in-flight jobs on SIGTERM/SIGINT before exiting.
import { PgBoss } from "pg-boss";
import { getEnv, requireDatabaseUrl } from "../env.ts";
import { assertAppRoleRespectsRls } from "../lib/db/assert-app-role.ts";
import { closeDb, getPool } from "../lib/db/client.ts";
import { BOSS_SCHEMA, bossPoolOptions } from "../lib/jobs/boss.ts";
import { getSigningSecret } from "../lib/security/sign-token.ts";
import { deadLetterQueueName } from "../lib/jobs/job-payloads.ts";
import type { JobDefinition } from "./define-job.ts";
import { dispatchQueue, type QueueDispatcher } from "./dispatch-queue.ts";
import { listenForJobs } from "./listen-for-jobs.ts";
import { createIntakeGate, type IntakeGate } from "../lib/jobs/intake-first.ts";
import { jobRegistry } from "./registry.ts";
import { getLogger } from "../lib/log/logger.ts";
import { withLogContext } from "../lib/log/log-context.ts";
import { startWorkerHeartbeat } from "../lib/health/record-worker-heartbeat.ts";
import { checkOperatorAlerts } from "../lib/health/check-operator-alerts.ts";
import { assertNodeVersion } from "../lib/startup/check-startup.ts";
import { flushErrorReports, reportError } from "../lib/startup/report-error.ts";
import { startTelemetry } from "../lib/startup/start-telemetry.ts";

export type Worker = { boss: PgBoss; stop: () => Promise<void> };

export async function startWorker(options: {
  connectionString: string;
  /** Where the job listener LISTENs (a session connection); defaults to connectionString. */
  listenConnectionString?: string;
  definitions: readonly JobDefinition[];
  log?: (line: string) => void;
  pollingIntervalSeconds?: number;
  superviseIntervalSeconds?: number;
  /** Intake first (lib/jobs/intake-first.ts): paces the dispatchers while a web process says it is saturated. */
  intakeGate?: IntakeGate;
}): Promise<Worker> {
  const log = options.log ?? ((line) => getLogger("worker").info(line));
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: BOSS_SCHEMA,
    // Our dispatchers are not pg-boss workers, so pg-boss's listener would wake nobody: listenForJobs does.
    useListenNotify: false,
    migrate: false,
    createSchema: false,
    application_name: "norvalt-worker",
    // Named statements and the long idle timeout for pg-boss's own pool too (fetch/complete/touch run all day).
    ...bossPoolOptions(),
    // How often this worker looks for jobs whose worker died (missed heartbeats): a lead must not wait a minute.
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 10,
    // The monitor pass is what fails jobs with missed heartbeats; it is gated by this interval too.
    monitorIntervalSeconds: options.superviseIntervalSeconds ?? 10,
  });
  boss.on("error", (err) => log(`pg-boss error: ${err.message}`));
  boss.on("warning", (w) => log(`pg-boss warning: ${JSON.stringify(w)}`));
  await boss.start();

  const known = new Set(options.definitions.map((d) => d.name));
  for (const queue of await boss.getQueues()) {
    const isDeadLetter = queue.name.endsWith(".dead");
    if (!known.has(queue.name) && !isDeadLetter && (queue.queuedCount ?? 0) > 0) {
      log(`queue "${queue.name}" has ${queue.queuedCount} job(s) but no handler in jobs/registry.ts`);
    }
  }

  const dispatchers = new Map<string, QueueDispatcher>();
  for (const definition of options.definitions) {
    dispatchers.set(
      definition.name,
      dispatchQueue({
        boss,
        name: definition.name,
        concurrency: definition.concurrency ?? 2,
        pollIntervalMs: (options.pollingIntervalSeconds ?? 2) * 1000,
        priority: definition.priority,
        intakeGate: options.intakeGate,
        handle: (job, signal) =>
          withLogContext({ jobId: job.id, queue: definition.name }, () =>
            runJob(boss, definition, { ...job, signal }, log),
          ),
        log,
      }),
    );
  }
  const listener = await listenForJobs({
    connectionString: options.listenConnectionString ?? options.connectionString,
    schema: BOSS_SCHEMA,
    onJob: (queue) => dispatchers.get(queue)?.wake(),
    onGap: () => dispatchers.forEach((d) => d.wake()),
    onIntakeBusy: options.intakeGate?.markBusy,
    log,
  });
  log(`worker ready: ${options.definitions.map((d) => d.name).join(", ")}`);

  let stopped: Promise<void> | undefined;
  return {
    boss,
    // graceful: stop fetching, let running handlers finish (30 s at most), then close the pool.
    stop: () =>
      (stopped ??= (async () => {
        await listener.close();
        await Promise.all([...dispatchers.values()].map((d) => d.stop(30_000)));
        await boss.stop({ graceful: false, close: true });
      })()),
  };
}

async function runJob(
  boss: PgBoss,
  definition: JobDefinition,
  job: { id: string; data: unknown; retryCount?: number; signal?: AbortSignal },
  log: (line: string) => void,
) {
  const parsed = definition.schema.safeParse(job.data ?? {});
  if (!parsed.success) {
    // Retrying cannot fix a malformed payload: park it in the dead-letter queue with the reason.
    log(`${definition.name} ${job.id}: invalid payload, dead-lettered: ${parsed.error.message}`);
    await boss.send(deadLetterQueueName(definition.name), {
      jobId: job.id,
      payload: job.data,
      error: parsed.error.issues,
    } as object);
    return;
  }
  const started = Date.now();
  try {
    await definition.handler(parsed.data, {
      jobId: job.id,
      signal: job.signal ?? new AbortController().signal,
    });
    log(`${definition.name} ${job.id} done in ${Date.now() - started} ms`);
  } catch (err) {
    log(
      `${definition.name} ${job.id} failed after ${Date.now() - started} ms: ${(err as Error).stack ?? err}`,
    );
    if (isLastAttempt(definition, job.retryCount)) {
      // Once per job, when it fails for good (retries of a vendor outage are not each an error report).
      reportError(err, { queue: definition.name, job_id: job.id });
      await finalFailure(definition, parsed.data, err, job.id, log);
    }
    throw err;
  }
}

/** pg-boss's default retryLimit is 2; a job's own limit is set on its queue from definition.options. */
export function isLastAttempt(definition: JobDefinition, retryCount: number | undefined): boolean {
  return retryCount !== undefined && retryCount >= (definition.options?.retryLimit ?? 2);
}

async function finalFailure(
  definition: JobDefinition,
  payload: unknown,
  err: unknown,
  jobId: string,
  log: (line: string) => void,
): Promise<void> {
  if (!definition.onFinalFailure) return;
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  try {
    await definition.onFinalFailure(payload, reason.slice(0, 1_000));
  } catch (finalErr) {
    log(`${definition.name} ${jobId}: could not record the final failure: ${(finalErr as Error).message}`);
  }
}

async function main() {
  process.env.NORVALT_PROCESS_NAME ??= "norvalt-worker";
  assertNodeVersion();
  await startTelemetry("worker");
  const env = getEnv();
  getSigningSecret(env); // production without NORVALT_SIGNING_SECRET stops here, with the reason
  await assertAppRoleRespectsRls(getPool(), env.NODE_ENV);
  const worker = await startWorker({
    // LISTEN needs a session: DATABASE_DIRECT_URL bypasses a transaction-mode pooler (README, "Pooler").
    connectionString: requireDatabaseUrl(env),
    listenConnectionString: env.DATABASE_DIRECT_URL,
    definitions: jobRegistry,
    intakeGate:
      env.NORVALT_INTAKE_FIRST === "on"
        ? createIntakeGate({ log: (line) => getLogger("worker").warn(line) })
        : undefined,
  });
  const heartbeat = startWorkerHeartbeat(getPool());
  const alerts = setInterval(
    () =>
      void checkOperatorAlerts().catch((err: Error) =>
        getLogger("alert").warn({ err }, "operator alert check failed"),
      ),
    30_000,
  );
  alerts.unref();
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    getLogger("worker").info(`${signal} received: finishing in-flight jobs …`);
    clearInterval(alerts);
    await worker.stop();
    await heartbeat.stop();
    await closeDb();
    await flushErrorReports();
    getLogger("worker").info("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

if (import.meta.main) {
  main().catch((err) => {
    getLogger("worker").error(`worker failed to start: ${(err as Error).message}`);
    process.exit(1);
  });
}
