import { sql } from "drizzle-orm";
import { withSystem } from "../db/tenant.ts";
import { BOSS_SCHEMA } from "../jobs/boss.ts";
import { sendOperatorAlert } from "../messaging/send-operator-alert.ts";

/** A lead still without its first reply this long after it came in is an operator alert. */
export const FIRST_REPLY_ALERT_SECONDS = 90;
/** This many failed jobs in ten minutes is a spike. */
export const FAILURE_SPIKE = 10;
/** One alert of a kind per window, however many workers notice it. */
const WINDOW_MINUTES = 15;

/**
 * Run by each worker every 30 s. Leads of the last hour waiting > 90 s for their first reply (the AI's or a
 * person's) and failed jobs in the last ten minutes; each kind alerts once per 15-minute window (a row in
 * rate_limits claims the window, so two workers do not both send it).
 */
export async function checkOperatorAlerts(now = new Date()): Promise<string[]> {
  const { waiting, oldest, failed } = await withSystem(async (tx) => {
    const leadsRow = await tx.execute<{ waiting: number; oldest: number | null }>(sql`
      select count(*)::int as waiting, extract(epoch from ${now}::timestamptz - min(created_at))::float8 as oldest
      from leads
      where first_response_at is null
        and created_at > ${now}::timestamptz - interval '1 hour'
        and created_at < ${now}::timestamptz - make_interval(secs => ${FIRST_REPLY_ALERT_SECONDS})`);
    const jobsRow = await tx.execute<{ failed: number }>(
      sql.raw(`select count(*)::int as failed from ${BOSS_SCHEMA}.job
               where state = 'failed' and completed_on > now() - interval '10 minutes'`),
    );
    return { ...leadsRow.rows[0]!, failed: jobsRow.rows[0]!.failed };
  });
  const fired: string[] = [];
  const window = new Date(Math.floor(now.getTime() / (WINDOW_MINUTES * 60_000)) * WINDOW_MINUTES * 60_000);
  const claim = (kind: string) =>
    withSystem(async (tx) => {
      const r = await tx.execute(sql`
        insert into rate_limits (key, window_start, count) values (${`operator-alert:${kind}`}, ${window}, 1)
        on conflict do nothing returning 1`);
      return r.rows.length > 0;
    });
  if (waiting > 0 && (await claim("first-reply"))) {
    fired.push("first-reply");
    await sendOperatorAlert({
      kind: "first-reply",
      windowKey: window.toISOString(),
      subject: `${waiting} lead(s) waiting for a first reply`,
      text: `${waiting} lead(s) have waited more than ${FIRST_REPLY_ALERT_SECONDS} s for their first reply (oldest ${Math.round(oldest ?? 0)} s). Check the workers and the mail/SMS provider.`,
    });
  }
  if (failed >= FAILURE_SPIKE && (await claim("failures"))) {
    fired.push("failures");
    await sendOperatorAlert({
      kind: "failures",
      windowKey: window.toISOString(),
      subject: `${failed} failed jobs in 10 minutes`,
      text: `${failed} jobs failed in the last 10 minutes. Settings → Jobs lists them; the worker log has the errors.`,
    });
  }
  return fired;
}
