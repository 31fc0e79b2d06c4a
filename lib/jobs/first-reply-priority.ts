/**
 * First replies before follow-ups, inside one worker process (issue 19, bench:followups). The worker's dispatchers
 * of the jobs that answer a new lead (lead.respond and the sends it hands over to) mark their work here while they
 * fetch and while a job runs; background work (the follow-up drain) calls `yieldToFirstReplies()` before each
 * fetch and between the steps of a send, outside any transaction, and waits while first-reply work is in flight.
 *
 * Separate queues alone were not enough: on a small machine three follow-up sends share the CPU and Postgres with
 * the lead's own jobs (first reply p95 39 → 72 ms during a 100,000 drain). In-process is enough because every
 * job runs in the worker; a second worker process only sees its own first replies (README Decisions).
 *
 * A wait is bounded (`maxWaitMs`), so a steady stream of first replies (a slow model keeps lead.respond in flight
 * for seconds) slows the drain down but never stops it. Nothing is tracked outside the worker (tests, web), so
 * there the yield returns at once.
 */

/** After the last first-reply job ends, background work waits this much longer: the job it enqueued (the customer
 * send, the rep notice) is committed but its NOTIFY may not have reached the worker yet. */
export const FIRST_REPLY_GRACE_MS = 5;
/** The longest a background step waits for first replies before it runs anyway. */
export const FIRST_REPLY_MAX_WAIT_MS = 1_000;

let inFlight = 0;
let lastEndedAt = -Infinity;
const waiters = new Set<() => void>();

/** First-reply work starts (a fetch, a job). Returns its end; calling that more than once ends it once. */
export function beginFirstReplyWork(): () => void {
  inFlight++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    inFlight--;
    lastEndedAt = performance.now();
    if (inFlight === 0) for (const wake of [...waiters]) wake();
  };
}

/** Whether first-reply work is in flight in this process (or ended less than the grace ago). */
export function firstRepliesBusy(now = performance.now()): boolean {
  return inFlight > 0 || now - lastEndedAt < FIRST_REPLY_GRACE_MS;
}

/**
 * Waits until no first-reply work is in flight (and the grace has passed), at most `maxWaitMs`. Returns the
 * milliseconds waited (0: nothing was in flight).
 */
export async function yieldToFirstReplies(
  options: { maxWaitMs?: number; signal?: AbortSignal } = {},
): Promise<number> {
  const started = performance.now();
  if (!firstRepliesBusy(started)) return 0;
  const deadline = started + (options.maxWaitMs ?? FIRST_REPLY_MAX_WAIT_MS);
  for (;;) {
    const now = performance.now();
    if (!firstRepliesBusy(now) || now >= deadline || options.signal?.aborted) return now - started;
    await new Promise<void>((resolve) => {
      // Busy: woken when the last one ends. Idle within the grace: wait out the rest of it.
      const ms =
        inFlight > 0 ? deadline - now : Math.min(deadline - now, FIRST_REPLY_GRACE_MS - (now - lastEndedAt));
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        options.signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, ms));
      waiters.add(done);
      options.signal?.addEventListener("abort", done, { once: true });
    });
  }
}
