import { and, eq, sql, type SQLWrapper } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { getEnv } from "../../env.ts";
import { withSystem, withTenant } from "../db/tenant.ts";
import { normalisePhone } from "../leads/normalise-contact.ts";
import { resolveNotificationChannels } from "../users/resolve-notification-channels.ts";
import { minutesOfQuietLeft } from "./quiet-hours.ts";
import { sendUserEmail } from "./send-user-email.ts";
import { sendUserSms } from "./send-user-sms.ts";

type Numbers = { received: number; answered: number; won: number; open: number };

/**
 * The rep.daily-summary cron job (08:00 Europe/Oslo): every active user who wants the daily summary gets
 * yesterday's numbers (the dealership's day, in its time zone) and how many leads are open — a rep their own,
 * managers and admins the dealership's. One per user and local day (ledger idempotency keys), so a retried or
 * doubled run sends nothing twice. In quiet hours the SMS is left out and the e-mail goes.
 */
export async function sendDailySummaries(
  now = new Date(),
  /** Tests: one dealership only, so a run does not write into other tests' outboxes. */
  onlyDealershipId?: string,
): Promise<{ sent: number }> {
  const all = await withSystem((tx) =>
    tx
      .select({ id: dealerships.id, name: dealerships.name, timezone: dealerships.timezone })
      .from(dealerships)
      .where(
        and(
          eq(dealerships.subscriptionStatus, "active"),
          onlyDealershipId ? eq(dealerships.id, onlyDealershipId) : undefined,
        ),
      ),
  );
  let sent = 0;
  for (const dealership of all) sent += await summariseDealership(dealership, now);
  return { sent };
}

async function summariseDealership(d: { id: string; name: string; timezone: string }, now: Date) {
  const localToday = sql`(${now.toISOString()}::timestamptz at time zone ${d.timezone})::date`;
  const localDay = (column: SQLWrapper) => sql`(${column} at time zone ${d.timezone})::date`;
  const { people, day, totals, perUser } = await withTenant(d.id, async (tx) => {
    const people = await tx
      .select({
        id: users.id,
        role: users.role,
        email: users.email,
        phone: users.phone,
        phoneVerifiedAt: users.phoneVerifiedAt,
        prefs: users.notificationPreferences,
      })
      .from(users)
      .where(and(eq(users.dealershipId, d.id), eq(users.isActive, true)));
    const counts = {
      received: sql<number>`count(*) filter (where ${localDay(leads.createdAt)} = ${localToday} - 1)::int`,
      answered: sql<number>`count(*) filter (where ${localDay(leads.createdAt)} = ${localToday} - 1 and ${leads.firstResponseAt} is not null)::int`,
      won: sql<number>`count(*) filter (where ${leads.status} = 'won' and ${leads.convertedAt} is not null and ${localDay(leads.convertedAt)} = ${localToday} - 1)::int`,
      open: sql<number>`count(*) filter (where ${leads.status} in ('new', 'contacted', 'qualified'))::int`,
    };
    const base = and(eq(leads.dealershipId, d.id), eq(leads.isTest, false), eq(leads.isSpam, false));
    const [totals] = await tx.select(counts).from(leads).where(base);
    const perUser = await tx
      .select({ userId: leads.assignedTo, ...counts })
      .from(leads)
      .where(base)
      .groupBy(leads.assignedTo);
    const [{ day } = { day: "" }] = await tx
      .execute<{ day: string }>(sql`select ${localToday}::text as day`)
      .then((r) => r.rows);
    return { people, day, totals: totals!, perUser };
  });
  let sent = 0;
  for (const person of people) {
    const wanted = resolveNotificationChannels(person.prefs, "daily_summary");
    const phone = person.phoneVerifiedAt ? normalisePhone(person.phone) : null;
    const sms = Boolean(phone && wanted.sms) && minutesOfQuietLeft(person.prefs, d.timezone, now) === 0;
    if (!sms && !wanted.email) continue;
    const mine = person.role === "sales_rep";
    const n: Numbers = mine
      ? (perUser.find((r) => r.userId === person.id) ?? { received: 0, answered: 0, won: 0, open: 0 })
      : totals;
    const text = composeSummary(d.name, n, mine);
    const tenant = { dealershipId: d.id };
    if (sms)
      await sendUserSms(tenant, {
        to: phone!,
        body: text,
        idempotencyKey: `daily-summary:sms:${person.id}:${day}`,
      });
    if (wanted.email)
      await sendUserEmail(tenant, {
        to: person.email,
        subject: `Dagens oppsummering – ${d.name}`,
        text: `${text}\n\n- Norvalt`,
        idempotencyKey: `daily-summary:email:${person.id}:${day}`,
      });
    sent++;
  }
  return sent;
}

function composeSummary(dealershipName: string, n: Numbers, mine: boolean): string {
  const whose = mine ? "dine leads" : dealershipName;
  return [
    `God morgen! I går (${whose}): ${n.received} nye leads, ${n.answered} besvart, ${n.won} vunnet.`,
    `${n.open} ${mine ? "åpne leads venter på deg" : "åpne leads"} i dag.`,
    new URL("/leads", getEnv().APP_URL).toString(),
  ].join(" ");
}
