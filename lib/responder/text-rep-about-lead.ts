import { and, eq } from "drizzle-orm";
import { getEnv } from "../../env.ts";
import { leadEvents } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { users, type NotificationPreferences } from "../../db/schema/users.ts";
import { withTenant } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { normalisePhone } from "../leads/normalise-contact.ts";
import { getSmsSender } from "../integrations/sms/sms.ts";

export type RepSmsKind = "new_lead" | "draft_ready";
export type RepSmsOutcome = { status: "sent" | "held" | "skipped"; reason?: string };

/** A lead scoring this high is urgent: it breaks through quiet hours and says so. */
export const URGENT_SCORE = 80;

/**
 * The sms.send job: tells the assigned rep about a new lead (PRD US-3.3 template) or a reply draft waiting for
 * approval. Honours the rep's preferences: SMS off → nothing; within their quiet hours (dealership timezone)
 * the SMS is held — the job re-enqueues itself for the end of the quiet hours — unless the lead is urgent.
 * One SMS per lead and kind, however often the job runs (outbox idempotency key).
 */
export async function textRepAboutLead(
  payload: { leadId: string; dealershipId: string; kind: RepSmsKind; customerAnswered: boolean },
  now = new Date(),
): Promise<RepSmsOutcome> {
  const { leadId, dealershipId, kind } = payload;
  const row = await withTenant(dealershipId, async (tx) => {
    const [found] = await tx
      .select({
        customerName: leads.customerName,
        customerEmail: leads.customerEmail,
        vehicleInterest: leads.vehicleInterest,
        score: leads.leadScore,
        repId: users.id,
        repPhone: users.phone,
        repActive: users.isActive,
        prefs: users.notificationPreferences,
        timezone: dealerships.timezone,
      })
      .from(leads)
      .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
      .leftJoin(users, eq(users.id, leads.assignedTo))
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
    return found;
  });
  if (!row) return { status: "skipped", reason: "lead_not_found" };
  if (!row.repId || !row.repActive) return { status: "skipped", reason: "no_rep" };
  const to = normalisePhone(row.repPhone);
  if (!to) return { status: "skipped", reason: "rep_has_no_phone" };
  if (!row.prefs?.sms) return { status: "skipped", reason: "rep_sms_off" };

  const urgent = row.score >= URGENT_SCORE;
  const holdMinutes = urgent ? 0 : minutesOfQuietLeft(row.prefs, row.timezone, now);
  if (holdMinutes > 0) {
    const startAfter = new Date(now.getTime() + holdMinutes * 60_000);
    await withTenant(dealershipId, async (tx) => {
      await tx.insert(leadEvents).values({
        dealershipId,
        leadId,
        type: "sms.held",
        actorType: "system",
        data: { kind, until: startAfter.toISOString(), reason: "quiet_hours" },
      });
      await enqueue("sms.send", payload, { tx, startAfter });
    });
    return { status: "held", reason: "quiet_hours" };
  }

  const started = Date.now();
  const sent = await getSmsSender().sendSms({
    dealershipId,
    leadId,
    to,
    body: composeRepSms({ ...row, kind, urgent, customerAnswered: payload.customerAnswered, leadId }),
    idempotencyKey: `rep-sms:${kind}:${leadId}`,
  });
  await withTenant(dealershipId, (tx) =>
    tx.insert(leadEvents).values({
      dealershipId,
      leadId,
      type: "sms.sent",
      actorType: "system",
      data: {
        kind,
        to: row.repId,
        outboxId: sent.outboxId,
        urgent,
        durationMs: Date.now() - started,
        ...(sent.duplicate && { duplicate: true }),
      },
    }),
  );
  return { status: "sent" };
}

/** The PRD's template, in Norwegian, with what the rep needs to act from the lock screen. */
export function composeRepSms(input: {
  kind: RepSmsKind;
  urgent: boolean;
  customerAnswered: boolean;
  customerName: string | null;
  customerEmail: string | null;
  vehicleInterest: string | null;
  leadId: string;
}): string {
  const who = input.customerName ?? input.customerEmail ?? "ukjent kunde";
  const link = new URL(`/leads/${input.leadId}`, getEnv().APP_URL).toString();
  const lines =
    input.kind === "draft_ready"
      ? [`Svarutkast venter på godkjenning: ${who}`]
      : [`${input.urgent ? "URGENT: " : ""}Ny lead fra ${who}`];
  if (input.vehicleInterest) lines.push(`Interessert i: ${input.vehicleInterest}`);
  if (input.kind === "new_lead" && !input.customerAnswered)
    lines.push("Kunden har ikke fått automatisk svar.");
  lines.push(`Se detaljer: ${link}`, "", "- Norvalt");
  return lines.join("\n");
}

/**
 * Minutes until the rep's quiet hours end, 0 outside them. Local wall-clock minutes in the dealership's zone;
 * across a DST switch the hold may be an hour off, which is fine for "not at night".
 */
export function minutesOfQuietLeft(prefs: NotificationPreferences, timeZone: string, now: Date): number {
  const quiet = prefs.quietHours;
  if (!quiet) return 0;
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  if (start === null || end === null || start === end) return 0;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const at =
    Number(parts.find((p) => p.type === "hour")!.value) * 60 +
    Number(parts.find((p) => p.type === "minute")!.value);
  const inside = start < end ? at >= start && at < end : at >= start || at < end;
  return inside ? (end - at + 1440) % 1440 : 0;
}

function toMinutes(hhmm: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes < 1440 ? minutes : null;
}
