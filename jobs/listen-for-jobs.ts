import pg from "pg";
import { INTAKE_BUSY_CHANNEL } from "../lib/jobs/intake-first.ts";

/**
 * LISTEN on pg-boss's channel: pg-boss sends `pg_notify(<channel>, <queue name>)` in the transaction that
 * inserts a job into a notify-enabled queue, so the worker hears of a committed job within milliseconds. We
 * listen ourselves because our dispatchers are not pg-boss workers (jobs/dispatch-queue.ts). A NOTIFY is only
 * a hint: after a lost connection every queue is woken once, for jobs that arrived in the gap. With
 * `onIntakeBusy` it also hears a saturated web (lib/jobs/intake-first.ts) on the same connection.
 */
export async function listenForJobs(options: {
  connectionString: string;
  schema: string;
  onJob: (queue: string) => void;
  onGap: () => void;
  onIntakeBusy?: () => void;
  log: (line: string) => void;
}): Promise<{ close: () => Promise<void> }> {
  const { connectionString, schema, onJob, onGap, onIntakeBusy, log } = options;
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString, application_name: "norvalt-worker-listen" });
    next.on("notification", (message) => {
      if (message.channel === INTAKE_BUSY_CHANNEL) onIntakeBusy?.();
      else if (message.payload) onJob(message.payload);
    });
    next.on("error", (err) => {
      if (client !== next) return;
      log(`job listener: ${err.message}; reconnecting`);
      scheduleReconnect();
    });
    next.on("end", () => client === next && scheduleReconnect());
    try {
      await next.connect();
      // Same expression as pg-boss's producer side (plans.notifyChannelSql), so both agree on the name.
      const { rows } = await next.query<{ channel: string }>(
        `select 'pgboss_' || left(encode(sha224($1::bytea), 'hex'), 24) as channel`,
        [schema],
      );
      await next.query(`listen ${pg.escapeIdentifier(rows[0]!.channel)}`);
      if (onIntakeBusy) await next.query(`listen ${pg.escapeIdentifier(INTAKE_BUSY_CHANNEL)}`);
    } catch (err) {
      await next.end().catch(() => {});
      throw err;
    }
    client = next;
  }

  function scheduleReconnect() {
    if (closed || retry) return;
    client?.end().catch(() => {});
    client = null;
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(onGap, (err: Error) => {
        log(`job listener: reconnect failed: ${err.message}`);
        scheduleReconnect();
      });
    }, 1_000);
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
