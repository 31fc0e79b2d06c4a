// The worker process: `node jobs/runner.ts`. Runs every registered job with instant pickup (LISTEN/NOTIFY),
// parses each payload with its job's schema, and finishes in-flight jobs on SIGTERM/SIGINT before exiting.
import { PgBoss } from "pg-boss";
import { getEnv, requireDatabaseUrl } from "../env.ts";
import { assertAppRoleRespectsRls } from "../lib/db/assert-app-role.ts";
import { closeDb, getPool } from "../lib/db/client.ts";
import { BOSS_SCHEMA } from "../lib/jobs/boss.ts";
import { getSigningSecret } from "../lib/security/sign-token.ts";
import { deadLetterQueueName, type JobDefinition } from "./define-job.ts";
import { jobRegistry } from "./registry.ts";

export type Worker = { boss: PgBoss; stop: () => Promise<void> };

export async function startWorker(options: {
  connectionString: string;
  definitions: readonly JobDefinition[];
  log?: (line: string) => void;
  pollingIntervalSeconds?: number;
  superviseIntervalSeconds?: number;
}): Promise<Worker> {
  const log = options.log ?? ((line) => console.log(line));
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: BOSS_SCHEMA,
    useListenNotify: true,
    migrate: false,
    createSchema: false,
    application_name: "norvalt-worker",
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

  for (const definition of options.definitions) {
    // `concurrency` jobs at once, as a few fetch loops that each take a batch. Not one loop per slot: every
    // NOTIFY wakes every loop of the queue, and 32 loops meant 32 fetch queries per lead (bench:respond).
    const concurrency = definition.concurrency ?? 2;
    const loops = Math.min(4, concurrency);
    await boss.work(
      definition.name,
      {
        localConcurrency: loops,
        batchSize: Math.ceil(concurrency / loops),
        // Each job of a batch completes or fails on its own (retries per job), not the batch as a whole.
        perJobResults: true,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        // NOTIFY fires for new jobs only, not for retries coming due or jobs sent with startAfter: pg-boss's
        // default 30 s backstop poll would make a retried e-mail wait half a minute.
        notifyPollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      },
      (batch) =>
        Promise.all(
          batch.map((job) =>
            runJob(boss, definition, job, log).then(
              () => ({ id: job.id, status: "completed" as const }),
              (err: Error) => ({
                id: job.id,
                status: "failed" as const,
                output: { message: err.message, stack: err.stack },
              }),
            ),
          ),
        ),
    );
  }
  log(`worker ready: ${options.definitions.map((d) => d.name).join(", ")}`);

  return {
    boss,
    // graceful: stop fetching, wait for handlers that are running, then close the pool.
    stop: () => boss.stop({ graceful: true, timeout: 30_000 }),
  };
}

async function runJob(
  boss: PgBoss,
  definition: JobDefinition,
  job: { id: string; data: unknown; signal?: AbortSignal },
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
    throw err;
  }
}

async function main() {
  process.env.NORVALT_PROCESS_NAME ??= "norvalt-worker";
  const env = getEnv();
  getSigningSecret(env); // production without NORVALT_SIGNING_SECRET stops here, with the reason
  await assertAppRoleRespectsRls(getPool(), env.NODE_ENV);
  const worker = await startWorker({ connectionString: requireDatabaseUrl(env), definitions: jobRegistry });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing in-flight jobs …`);
    await worker.stop();
    await closeDb();
    console.log("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

if (import.meta.main) {
  main().catch((err) => {
    console.error(`worker failed to start: ${(err as Error).message}`);
    process.exit(1);
  });
}
