import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const COLORS = [36, 35, 33, 32, 34];
let colorIndex = 0;

export type Managed = { name: string; child: ChildProcess; exited: Promise<number | null> };

// Every child still running, so a shutdown (Ctrl-C at any moment, even mid-build) can stop them all.
const running = new Set<Managed>();

/** Spawns a child in its own process group with every output line prefixed, e.g. `[web] …`. */
export function spawnPrefixed(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Managed {
  const color = COLORS[colorIndex++ % COLORS.length];
  const prefix = process.stdout.isTTY ? `\x1b[${color}m[${name}]\x1b[0m ` : `[${name}] `;
  // Own process group: Ctrl-C reaches the launcher only, which then stops children in order.
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on("line", (line) => process.stdout.write(prefix + line + "\n"));
  }
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  const managed = { name, child, exited };
  running.add(managed);
  void exited.then(() => running.delete(managed));
  return managed;
}

/** SIGTERM to the child's whole group, SIGKILL if it has not exited after `graceMs`. */
export async function stopProcess(p: Managed, graceMs = 35_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null || !p.child.pid) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-p.child.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
  await p.exited;
  clearTimeout(timer);
  signalGroup("SIGKILL"); // anything the child left behind in its group
}

export async function runToCompletion(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const p = spawnPrefixed(name, command, args, env);
  const code = await p.exited;
  if (code !== 0) throw new Error(`${name} exited with code ${code}`);
}

/** Stops every child spawned here that is still running. */
export async function stopAllProcesses(graceMs?: number): Promise<void> {
  await Promise.all([...running].map((p) => stopProcess(p, graceMs)));
}

/**
 * Ctrl-C or `kill` mid-run (benchmarks): stop the children, then `stopDatabase`, then exit, leaving nothing
 * running. SIGTERM too: an orphaned `next start` whose parent was killed kept a core busy and spoiled the next run.
 */
export function stopOnInterrupt(stopDatabase: () => Promise<void> | undefined): void {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      void stopAllProcesses(5_000)
        .then(stopDatabase)
        .finally(() => process.exit(code));
    });
  }
}
