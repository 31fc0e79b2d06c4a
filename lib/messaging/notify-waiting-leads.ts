import { and, eq, gt, inArray, isNotNull, isNull, lt, notExists, sql } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { getEnv } from "../../env.ts";
import { withSystem, withTenant } from "../db/tenant.ts";
import { normalisePhone } from "../leads/normalise-contact.ts";
import { resolveNotificationChannels } from "../users/resolve-notification-channels.ts";
import { URGENT_SCORE } from "./notify-rep.ts";
import { minutesOfQuietLeft } from "./quiet-hours.ts";
import { sendUserEmail } from "./send-user-email.ts";
import { sendUserSms } from "./send-user-sms.ts";

/** A lead whose customer no person has contacted this long after it came in is "waiting" (My profile → Varsler). */
export const LEAD_WAITING_MINUTES = 30;
/** Older leads are not chased by this alert: yesterday's backlog is the daily summary's business. */
const LOOKBACK_HOURS = 24;
/** The lead_events row that says the rep was told, so each lead is chased once. */
const WAITING_EVENT = "rep.lead_waiting";

/**
 * The lead.waiting cron job (every 5 minutes): tells each assigned rep once per lead that a lead of theirs has
 * waited LEAD_WAITING_MINUTES without a person writing to the customer (the AI's reply does not count), by the
 * channels their "Lead venter for lenge" switches choose. In the rep's quiet hours the lead is left for a later
 * run unless it is urgent. Found across dealerships (system), sent per dealership.
 */
export async function notifyWaitingLeads(
  now = new Date(),
  /** Tests: one dealership only, so a run does not write into other tests' outboxes. */
  onlyDealershipId?: string,
): Promise<{ notified: number; deferred: number }> {
  const due = await withSystem((tx) =>
    tx
      .select({
        leadId: leads.id,
        dealershipId: leads.dealershipId,
        createdAt: leads.createdAt,
        customerName: leads.customerName,
        customerEmail: leads.customerEmail,
        vehicleInterest: leads.vehicleInterest,
        score: leads.leadScore,
        repEmail: users.email,
        repPhone: users.phone,
        repPhoneVerifiedAt: users.phoneVerifiedAt,
        prefs: users.notificationPreferences,
        timezone: dealerships.timezone,
      })
      .from(leads)
      .innerJoin(users, and(eq(users.id, leads.assignedTo), eq(users.dealershipId, leads.dealershipId)))
      .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
      .where(
        and(
          isNotNull(leads.assignedTo),
          onlyDealershipId ? eq(leads.dealershipId, onlyDealershipId) : undefined,
          eq(users.isActive, true),
          inArray(leads.status, ["new", "contacted"]),
          eq(leads.isTest, false),
          eq(leads.isSpam, false),
          isNull(leads.duplicateOfLeadId),
          lt(leads.createdAt, new Date(now.getTime() - LEAD_WAITING_MINUTES * 60_000)),
          gt(leads.createdAt, new Date(now.getTime() - LOOKBACK_HOURS * 3_600_000)),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(conversations)
              .where(
                and(
                  eq(conversations.leadId, leads.id),
                  eq(conversations.direction, "outbound"),
                  eq(conversations.senderType, "human"),
                ),
              ),
          ),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(leadEvents)
              .where(and(eq(leadEvents.leadId, leads.id), eq(leadEvents.type, WAITING_EVENT))),
          ),
        ),
      )
      .limit(500),
  );
  let notified = 0;
  let deferred = 0;
  for (const lead of due) {
    const wanted = resolveNotificationChannels(lead.prefs, "lead_waiting");
    const phone = lead.repPhoneVerifiedAt ? normalisePhone(lead.repPhone) : null;
    const sms = Boolean(phone && wanted.sms);
    if (sms && lead.score < URGENT_SCORE && minutesOfQuietLeft(lead.prefs, lead.timezone, now) > 0) {
      deferred++;
      continue;
    }
    const minutes = Math.floor((now.getTime() - lead.createdAt.getTime()) / 60_000);
    const who = lead.customerName ?? lead.customerEmail ?? "en kunde";
    const link = new URL(`/leads/${lead.leadId}`, getEnv().APP_URL).toString();
    const text = `Leaden fra ${who}${lead.vehicleInterest ? ` (${lead.vehicleInterest})` : ""} har ventet i ${minutes} minutter uten at noen har kontaktet kunden. ${link}`;
    const tenant = { dealershipId: lead.dealershipId };
    const channels: string[] = [];
    if (sms) {
      await sendUserSms(tenant, {
        to: phone!,
        body: text,
        leadId: lead.leadId,
        idempotencyKey: `lead-waiting:sms:${lead.leadId}`,
      });
      channels.push("sms");
    }
    if (wanted.email) {
      await sendUserEmail(tenant, {
        to: lead.repEmail,
        subject: `Lead venter: ${who}`.slice(0, 200),
        text: `${text}\n\n- Norvalt`,
        leadId: lead.leadId,
        idempotencyKey: `lead-waiting:email:${lead.leadId}`,
      });
      channels.push("email");
    }
    await withTenant(lead.dealershipId, (tx) =>
      tx.insert(leadEvents).values({
        dealershipId: lead.dealershipId,
        leadId: lead.leadId,
        type: WAITING_EVENT,
        actorType: "system",
        data: { minutes, channels },
      }),
    );
    notified++;
  }
  return { notified, deferred };
}
