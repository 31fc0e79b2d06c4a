import type pg from "pg";

/**
 * Waits until every job about `leadId` has reached a final state (completed, failed, cancelled): no job that could
 * still send a message is waiting, running or due for a retry. "Exactly one e-mail" is then checked after the event
 * that would have sent a second one, instead of after a sleep.
 */
export async function waitForLeadJobsSettled(
  pool: pg.Pool,
  leadId: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let open: { name: string; state: string }[] = [];
  while (Date.now() < deadline) {
    ({ rows: open } = await pool.query<{ name: string; state: string }>(
      `select name, state::text from pgboss.job
        where data->>'leadId' = $1 and state in ('created', 'retry', 'active')`,
      [leadId],
    ));
    if (open.length === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`jobs of lead ${leadId} still open after ${timeoutMs} ms: ${JSON.stringify(open)}`);
}
