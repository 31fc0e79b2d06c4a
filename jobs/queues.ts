import type { PgBoss } from "pg-boss";
import { deadLetterQueueName } from "../lib/jobs/job-payloads.ts";
import type { JobDefinition } from "./define-job.ts";

/** Creates or updates each job's queue and its dead-letter queue. Needs the owner role (run by db:migrate). */
export async function provisionQueues(boss: PgBoss, definitions: readonly JobDefinition[]): Promise<void> {
  for (const job of definitions) {
    const dead = deadLetterQueueName(job.name);
    await upsertQueue(boss, dead, { retentionSeconds: 60 * 60 * 24 * 30 });
    await upsertQueue(boss, job.name, { ...job.options, notify: true, deadLetter: dead });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "Europe/Oslo" });
  }
}

async function upsertQueue(boss: PgBoss, name: string, options: Parameters<PgBoss["createQueue"]>[1]) {
  if (await boss.getQueue(name)) await boss.updateQueue(name, options);
  else await boss.createQueue(name, options);
}
