import { join } from "node:path";
import { makeRunSigningSecret } from "./local-signing-secret.ts";
import { findFreePort, waitForHealthy } from "./network.ts";
import { PROJECT_ROOT } from "./postgres.ts";
import { readCpuMs, readPostgresCpuMs } from "./process-cpu.ts";
import { runToCompletion, spawnPrefixed } from "./processes.ts";

const NEXT = join(PROJECT_ROOT, "node_modules/next/dist/bin/next");

/** The environment every bench runs the app with (production mode, its database, a free port), plus `extra`. */
export async function makeBenchAppEnv(
  db: { appUrl: string; ownerUrl: string },
  extra: Record<string, string> = {},
): Promise<NodeJS.ProcessEnv & { APP_URL: string; PORT: string }> {
  const port = await findFreePort();
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: db.appUrl,
    MIGRATION_DATABASE_URL: db.ownerUrl,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "warn",
    NORVALT_SIGNING_SECRET: makeRunSigningSecret(),
    ...extra,
  };
}

/**
 * The app as a benchmark runs it: `next build` (unless skipped), `next start` and the worker on loopback, each
 * optionally under the V8 CPU profiler, and a reader of how much CPU each part (and Postgres) has used so far.
 */
export async function startBenchApp(options: {
  env: NodeJS.ProcessEnv & { APP_URL: string; PORT: string };
  skipBuild: boolean;
  profileDir?: string;
  /** Start the worker only when the bench calls startWorker() (e.g. to build a backlog first). */
  deferWorker?: boolean;
  /** The bench cluster's postmaster: Postgres CPU is read for it alone, else for every postgres process. */
  postmasterPid?: number;
  log: (line: string) => void;
}) {
  const { env, log } = options;
  // BENCH_NODE_FLAGS: extra V8/Node flags for the web and worker processes, e.g. "--trace-gc" to see GC pauses
  // (flags NODE_OPTIONS refuses).
  const profile = [
    ...(options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : []),
    ...(process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
  ];
  if (!options.skipBuild) {
    log("next build …");
    await runToCompletion("build", process.execPath, [NEXT, "build"], env);
  }
  const web = spawnPrefixed(
    "web",
    process.execPath,
    [...profile, NEXT, "start", "-p", env.PORT, "-H", "127.0.0.1"],
    env,
  );
  let worker: ReturnType<typeof spawnPrefixed> | undefined;
  const startWorker = () => {
    worker ??= spawnPrefixed(
      "worker",
      process.execPath,
      [...profile, join(PROJECT_ROOT, "jobs/runner.ts")],
      env,
    );
  };
  if (!options.deferWorker) startWorker();
  await waitForHealthy(`${env.APP_URL}/api/health/ready`, 120_000);
  return {
    startWorker,
    readCpu: () => ({
      web: readCpuMs(web.child.pid),
      worker: worker ? readCpuMs(worker.child.pid) : 0,
      postgres: readPostgresCpuMs(options.postmasterPid),
      // This process alone (its children are the web, the worker and Postgres): the load generator.
      load: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    }),
  };
}
