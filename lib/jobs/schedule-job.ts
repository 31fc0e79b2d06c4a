import { getSenderBoss } from "./boss.ts";
import type { JobName, JobPayload } from "./job-payloads.ts";

/**
 * A recurring job for one key (e.g. one dealership's feed): pg-boss keeps one schedule per (name, key), so saving
 * again replaces it. The worker's cron monitor sends the jobs; the web process only writes the schedule.
 */
export async function scheduleJob<N extends JobName>(
  name: N,
  key: string,
  cron: string,
  payload: JobPayload<N>,
): Promise<void> {
  const boss = await getSenderBoss();
  await boss.schedule(name, cron, payload as object, { key, tz: "Europe/Oslo" });
}

export async function unscheduleJob(name: JobName, key: string): Promise<void> {
  const boss = await getSenderBoss();
  await boss.unschedule(name, key);
}

export async function findJobSchedule(name: JobName, key: string) {
  const boss = await getSenderBoss();
  return boss.getSchedule(name, key);
}
