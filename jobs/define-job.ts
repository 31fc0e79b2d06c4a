import type { Queue } from "pg-boss";
import type { z } from "zod";
import { jobPayloads, type JobName } from "../lib/jobs/job-payloads.ts";

export type JobContext = { jobId: string; signal: AbortSignal };

export type JobDefinition<Name extends string = string, Schema extends z.ZodType = z.ZodType> = {
  name: Name;
  /** Parsed at dequeue: a payload that does not match is dead-lettered instead of reaching the handler. */
  schema: Schema;
  /** Queue-level options (retries, expiry…), applied when `npm run db:migrate` creates the queue. */
  options?: Omit<Queue, "name" | "deadLetter">;
  /** Cron expression (Europe/Oslo) for recurring jobs. */
  cron?: string;
  /** Workers in this process for the queue. */
  concurrency?: number;
  /**
   * "first_reply": a job that answers a new lead (lead.respond and the sends it hands over to); while one is being
   * fetched or runs in this process, "background" queues wait (lib/jobs/first-reply-priority.ts). "background": a
   * drain that must never hold up a first reply (followup.send); it fetches only when no first-reply work is in
   * flight, waiting at most FIRST_REPLY_MAX_WAIT_MS.
   */
  priority?: "first_reply" | "background";
  handler: (payload: z.output<Schema>, context: JobContext) => Promise<unknown>;
  /**
   * Called once when the last attempt fails (retries used up): marks the item the job works on `failed` with
   * the reason, so nothing stays `pending` forever (issue 24). Its own failure is logged, never retried.
   */
  onFinalFailure?(payload: z.output<Schema>, reason: string): Promise<unknown>;
};

type PayloadSchema<Name extends JobName> = (typeof jobPayloads)[Name];

/** A job for the runner; its payload schema is the one lib/jobs/job-payloads.ts names for it. */
export function defineJob<const Name extends JobName>(
  definition: Omit<JobDefinition<Name, PayloadSchema<Name>>, "schema">,
): JobDefinition<Name, PayloadSchema<Name>> {
  return { ...definition, schema: jobPayloads[definition.name] };
}

/**
 * Retries for a job that talks to a vendor (or waits out a database outage): 8 attempts, 2 s doubling to 2 min,
 * so an outage of several minutes ends in a delivery, not a failed job (npm run test:faults: 30 s of 5xx). A worker
 * that dies mid-job (OOM, SIGKILL) stops beating, and the job is retried within ~20 s.
 */
export const OUTAGE_RETRIES = {
  retryLimit: 8,
  retryBackoff: true,
  retryDelay: 2,
  retryDelayMax: 120,
  expireInSeconds: 60,
  heartbeatSeconds: 10,
} as const satisfies JobDefinition["options"];
