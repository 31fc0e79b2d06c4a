import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU time (user + system, ms) a process and its descendants have used so far, including descendants that have
 * exited (a reaped child's time is added to its parent's cutime/cstime); 0 where /proc is missing.
 */
export function readCpuMs(rootPid: number | undefined): number {
  if (!rootPid) return 0;
  const processes = listProcesses();
  const tree = new Set([rootPid]);
  // Parents precede children in pid order only usually; repeat until the set stops growing.
  for (let grew = true; grew;) {
    grew = false;
    for (const p of processes)
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
  }
  return processes
    .filter((p) => tree.has(p.pid))
    .reduce((sum, p) => sum + p.cpuMs + p.reapedChildrenCpuMs, 0);
}

/**
 * CPU time of every Postgres server process (postmaster and backends, live or exited: the postmaster reaps its
 * backends, so their time is in its cutime/cstime).
 */
export function readPostgresCpuMs(postmasterPid?: number): number {
  // A known postmaster: that cluster alone (other clusters on a shared machine are not ours to count).
  if (postmasterPid) return readCpuMs(postmasterPid);
  return listProcesses()
    .filter((p) => p.command === "postgres")
    .reduce((sum, p) => sum + p.cpuMs + p.reapedChildrenCpuMs, 0);
}

type ProcessCpu = { pid: number; ppid: number; command: string; cpuMs: number; reapedChildrenCpuMs: number };

function listProcesses(): ProcessCpu[] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const result: ProcessCpu[] = [];
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const command = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
      result.push({
        pid: Number(pid),
        ppid: Number(fields[1]),
        command,
        cpuMs: ms(Number(fields[11]) + Number(fields[12])),
        reapedChildrenCpuMs: ms(Number(fields[13]) + Number(fields[14])),
      });
    } catch {
      // the process ended between listing and reading
    }
  }
  return result;
}
