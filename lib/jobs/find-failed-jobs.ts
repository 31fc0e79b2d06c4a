import { sql } from "drizzle-orm";
import { z } from "zod";
import { withSystem, type Tx, type Tenant } from "../db/tenant.ts";
import { BOSS_SCHEMA } from "./boss.ts";
import { deadLetterQueueName } from "./job-payloads.ts";

export const FAILED_JOBS_WINDOW_DAYS = 14;
const MAX_FAILED_JOBS = 100;
const DEAD_SUFFIX = deadLetterQueueName("");

/** A job an admin may want to run again: one row of Settings → Jobber. */
export type FailedJob = {
  /** The pg-boss row a retry acts on: the failed job itself, or its copy in the dead-letter queue. */
  id: string;
  /** The queue that row sits in (`lead.respond`, or `lead.respond.dead` for a dead-letter copy). */
  queue: string;
  /** failed: retries used up, still in its own queue. dead_letter: parked in `<name>.dead`. */
  kind: "failed" | "dead_letter";
  /** The job's own name, the queue a retry sends it to. */
  jobName: string;
  leadId: string | null;
  error: string | null;
  /** pg-boss retry_count: how many times it was retried after the first attempt (null when unknown). */
  retryCount: number | null;
  failedAt: Date;
};

/** What retryFailedJob needs beyond the list row. */
export type FailedJobRow = FailedJob & {
  /** For a dead-letter copy: the payload the job ran with. */
  payload: Record<string, unknown>;
  /** For a failed job: its dead-letter queue, where pg-boss also put a copy. */
  deadLetter: string | null;
  /** For a dead-letter copy: whether pg-boss recorded where it came from (redrivable). */
  hasSource: boolean;
};

type Raw = {
  id: string;
  name: string;
  is_dead: boolean;
  payload: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
  output: unknown;
  source_output: unknown;
  retry_count: number;
  source_retry_count: number | null;
  source_name: string | null;
  dead_letter: string | null;
  failed_at: number;
};

/**
 * The dealership's failed and dead-lettered jobs of the last 14 days, newest first, at most 100.
 *
 * pg-boss's tables hold every dealership's jobs and have no row-level security, so the explicit
 * `dealershipId` filter on the payload in selectFailedJobs is the ONLY tenant lock here. It runs under
 * withSystem rather than withTenant on purpose: withTenant would suggest RLS protects these rows when it does
 * not, and withSystem is the named, greppable marker for a query that reads across tenants.
 */
export async function findFailedJobs(tenant: Tenant): Promise<FailedJob[]> {
  const rows = await withSystem((tx) =>
    selectFailedJobs(tx, tenant.dealershipId, { limit: MAX_FAILED_JOBS }),
  );
  return rows.map(({ payload: _payload, deadLetter: _deadLetter, hasSource: _hasSource, ...job }) => job);
}

/**
 * The rows behind findFailedJobs, optionally one job (`only`). Shared with retryFailedJob, so a retry can
 * only ever reach a job this dealership's list would show. `only` also locks the row until the transaction
 * ends: a second click waits for the first, then no longer matches (the job is no longer failed or parked).
 *
 * A job that used up its retries is in state `failed` in its own queue, and pg-boss also copies it to the
 * dead-letter queue. That copy is listed only once its source row is gone (pg-boss deletes failed jobs
 * after 7 days, dead-letter copies after 30), so a failure never shows twice. The runner's own
 * dead-letter copies (payload failed the job's schema; see jobs/runner.ts) wrap the payload as
 * `{ jobId, payload, error }` and have no recorded source.
 */
export async function selectFailedJobs(
  tx: Tx,
  dealershipId: string,
  options: { limit: number; only?: { queue: string; id: string } },
): Promise<FailedJobRow[]> {
  const { only } = options;
  if (only && !z.uuid().safeParse(only.id).success) return [];
  const job = sql.identifier(BOSS_SCHEMA);
  const deadPattern = `%${DEAD_SUFFIX}`;
  const { rows } = await tx.execute<Raw>(sql`
    select j.id, j.name, d.is_dead, p.payload, j.data, j.output, j.source_output, j.retry_count,
      j.source_retry_count, j.source_name, j.dead_letter,
      -- epoch ms: drizzle hands raw-query timestamps over as text in Postgres's own format.
      extract(epoch from case when d.is_dead then j.created_on else j.completed_on end)::float8 * 1000 as failed_at
    from ${job}.job j
    cross join lateral (select j.name like ${deadPattern} as is_dead) d
    cross join lateral (
      select case
        when d.is_dead and j.source_name is null and jsonb_typeof(j.data -> 'payload') = 'object'
        then j.data -> 'payload' else j.data end as payload
    ) p
    where p.payload ->> 'dealershipId' = ${dealershipId}
      and (
        (j.state = 'failed' and not d.is_dead
          and j.completed_on >= now() - make_interval(days => ${FAILED_JOBS_WINDOW_DAYS}))
        or (d.is_dead and j.state in ('created', 'retry')
          and j.created_on >= now() - make_interval(days => ${FAILED_JOBS_WINDOW_DAYS})
          and not exists (select 1 from ${job}.job s where s.name = j.source_name and s.id = j.source_id))
      )
      ${only ? sql`and j.name = ${only.queue} and j.id = ${only.id}::uuid` : sql``}
    order by failed_at desc, j.id
    limit ${options.limit}
    ${only ? sql`for update of j` : sql``}
  `);
  return rows.map(toFailedJobRow);
}

function toFailedJobRow(r: Raw): FailedJobRow {
  const payload = r.payload ?? {};
  const leadId = z.uuid().safeParse(payload.leadId);
  return {
    id: r.id,
    queue: r.name,
    kind: r.is_dead ? "dead_letter" : "failed",
    jobName: r.is_dead ? (r.source_name ?? r.name.slice(0, -DEAD_SUFFIX.length)) : r.name,
    leadId: leadId.success ? leadId.data : null,
    error: r.is_dead ? (errorOf(r.source_output) ?? invalidPayloadError(r.data)) : errorOf(r.output),
    retryCount: r.is_dead ? r.source_retry_count : r.retry_count,
    failedAt: new Date(r.failed_at),
    payload,
    deadLetter: r.dead_letter,
    hasSource: r.source_name !== null,
  };
}

// pg-boss stores a thrown Error as { name, message, stack }, and other fail() values as { value }.
function errorOf(output: unknown): string | null {
  if (output === null || output === undefined) return null;
  if (typeof output !== "object") return clip(String(output));
  const o = output as { message?: unknown; value?: unknown };
  if (typeof o.message === "string") return clip(o.message);
  if (o.value !== undefined) return errorOf(o.value);
  return clip(JSON.stringify(output));
}

// The runner's copy of a payload that failed the job's schema carries the zod issues.
function invalidPayloadError(data: Record<string, unknown> | null): string | null {
  const issues = z
    .array(z.object({ message: z.string(), path: z.array(z.unknown()) }))
    .safeParse(data?.error);
  if (!issues.success) return null;
  return clip(
    `invalid payload: ${issues.data.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
  );
}

const clip = (text: string) => (text.length > 500 ? `${text.slice(0, 499)}…` : text);
