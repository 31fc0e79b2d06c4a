import { sql } from "drizzle-orm";
import { getDb } from "../db/client.ts";
import { AppError } from "../errors.ts";

/**
 * Password guessing is slowed, never turned into a lockout (issue 24, item 4). Failed sign-ins are counted per
 * (account, client), per client and per account; past a free allowance each further failure makes the next
 * attempt wait longer (2 s, 4 s, 8 s …), up to a cap. The cap of the per-account ceiling is short (a minute): an
 * attacker who knows a rep's address cannot keep them out, and the sign-in link by e-mail always works. Failures
 * are forgotten 15 minutes after the last one. Counters live in `rate_limits` (one row per key: window_start is
 * the last failure, count the failures since), shared by every app instance.
 */
export type LoginThrottle = { key: string; free: number; maxDelaySeconds: number };

export const FORGET_FAILURES_AFTER_SECONDS = 15 * 60;

/** The throttles one attempt is subject to. Without a known client address only the account ceiling applies. */
export function loginThrottles(
  email: string,
  ip: string | null | undefined,
  freePerClient: number,
): LoginThrottle[] {
  const account: LoginThrottle = { key: `login-fail:account:${email}`, free: 20, maxDelaySeconds: 60 };
  if (!ip) return [account];
  return [
    { key: `login-fail:account-client:${email}|${ip}`, free: 5, maxDelaySeconds: 15 * 60 },
    { key: `login-fail:client:${ip}`, free: freePerClient, maxDelaySeconds: 15 * 60 },
    account,
  ];
}

/** How long the attempt after `failures` failures must wait, in seconds (0 within the free allowance). */
export function delayAfter(failures: number, throttle: LoginThrottle): number {
  if (failures < throttle.free) return 0;
  return Math.min(2 ** (failures - throttle.free + 1), throttle.maxDelaySeconds);
}

/** Refuses the attempt (429 with Retry-After and a message that says what to do) while any throttle is waiting. */
export async function checkLoginThrottles(throttles: LoginThrottle[], now = new Date()): Promise<void> {
  const { rows } = await getDb().execute<{ key: string; count: number; last: Date }>(sql`
    select key, count, window_start as last from rate_limits
    where key in (${sql.join(
      throttles.map((t) => sql`${t.key}`),
      sql`, `,
    )})`);
  let wait = 0;
  for (const row of rows) {
    const throttle = throttles.find((t) => t.key === row.key)!;
    const last = new Date(row.last).getTime();
    if (now.getTime() - last > FORGET_FAILURES_AFTER_SECONDS * 1000) continue;
    const until = last + delayAfter(row.count, throttle) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  if (wait > 0)
    throw new AppError(
      "rate_limited",
      `For mange mislykkede forsøk. Vent ${wait} sekunder og prøv igjen, eller få en innloggingslenke på e-post.`,
      { retryAfterSeconds: wait },
    );
}

/** Counts one failure on every throttle (the count restarts when the last failure is 15 minutes old). */
export async function recordLoginFailure(throttles: LoginThrottle[]): Promise<void> {
  for (const { key } of throttles) {
    await getDb().execute(sql`
      with old as (delete from rate_limits where key = ${key} returning count, window_start)
      insert into rate_limits (key, window_start, count)
      select ${key}, now(), case
        when (select max(window_start) from old) > now() - make_interval(secs => ${FORGET_FAILURES_AFTER_SECONDS})
        then coalesce((select max(count) from old), 0) + 1
        else 1 end`);
  }
}

/** A successful sign-in clears its (account, client) and account counters; the client's own stays. */
export async function clearLoginFailures(throttles: LoginThrottle[]): Promise<void> {
  const keys = throttles.filter((t) => !t.key.startsWith("login-fail:client:")).map((t) => t.key);
  if (keys.length === 0) return;
  await getDb().execute(
    sql`delete from rate_limits where key in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )})`,
  );
}
