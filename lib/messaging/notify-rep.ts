import { and, desc, eq } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { users, type NotificationEvent } from "../../db/schema/users.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { deliverSms } from "../deliveries/deliver-sms.ts";
import { enqueue } from "../jobs/enqueue.ts";
import type { ParsedJobPayload, RepNotifyReason } from "../jobs/job-payloads.ts";
import { normalisePhone } from "../leads/normalise-contact.ts";
import { resolveNotificationChannels } from "../users/resolve-notification-channels.ts";
import { describeLeadWants } from "../responder/describe-lead-wants.ts";
import { readLead } from "../responder/read-lead.ts";
import { composeRepEmail, composeRepSms } from "./compose-rep-notification.ts";
import { minutesOfQuietLeft } from "./quiet-hours.ts";
import { sendUserEmail } from "./send-user-email.ts";

/** A lead scoring this high is urgent: its notifications break through quiet hours, and a new one says so. */
export const URGENT_SCORE = 80;

export type NotifyRepInput = Omit<ParsedJobPayload<"rep.notify">, "dealershipId">;
export type NotifyRepOutcome =
  | { status: "sent"; channels: ("sms" | "email")[] }
  | { status: "held"; reason: "quiet_hours"; channels: ("sms" | "email")[] }
  | { status: "skipped"; reason: string };

/**
 * The rep.notify job, the one rule for telling the assigned rep about a lead, whatever the reason: a new lead,
 * a draft to approve, the customer's e-mail reply, our e-mail bounced, the customer wrote again (merged).
 *
 * - Each channel as the rep's switches say for the reason's event (resolveNotificationChannels: the master SMS /
 *   e-mail switch and the event's own, "Ny lead" or "Kunden svarte"); SMS only to a verified mobile number.
 * - Within the rep's quiet hours (dealership time zone) the SMS is held — the job comes back when they end —
 *   unless the lead is urgent (score ≥ URGENT_SCORE). E-mail wakes nobody and goes at once.
 * - One SMS and one e-mail per lead and occasion however often the job runs (ledger idempotency keys).
 */
export async function notifyRep(
  tenant: Tenant,
  input: NotifyRepInput,
  now = new Date(),
): Promise<NotifyRepOutcome> {
  const { dealershipId } = tenant;
  const { leadId, reason } = input;
  const row = await withTenant(dealershipId, async (tx) => {
    const [found] = await tx
      .select({
        customerName: leads.customerName,
        customerEmail: leads.customerEmail,
        customerPhone: leads.customerPhone,
        vehicleInterest: leads.vehicleInterest,
        initialMessage: leads.initialMessage,
        submissionCount: leads.submissionCount,
        score: leads.leadScore,
        repId: users.id,
        repPhone: users.phone,
        repPhoneVerifiedAt: users.phoneVerifiedAt,
        repEmail: users.email,
        repActive: users.isActive,
        prefs: users.notificationPreferences,
        dealershipName: dealerships.name,
        timezone: dealerships.timezone,
      })
      .from(leads)
      .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
      .leftJoin(users, eq(users.id, leads.assignedTo))
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
    const quotesReply =
      (reason === "replied" && (input.emailId || input.messageId)) || reason === "handed_off";
    if (!found || !quotesReply) return found && { ...found, reply: null };
    const [reply] = await tx
      .select({
        text: conversations.messageContent,
        subject: conversations.subject,
        channel: conversations.channel,
      })
      .from(conversations)
      .where(
        and(
          eq(conversations.leadId, leadId),
          eq(conversations.dealershipId, dealershipId),
          eq(conversations.direction, "inbound"),
        ),
      )
      .orderBy(desc(conversations.createdAt))
      .limit(1);
    return { ...found, reply: reply ?? null };
  });
  if (!row) return { status: "skipped", reason: "lead_not_found" };
  if (!row.repId || !row.repActive) return { status: "skipped", reason: "no_rep" };
  // Reassigned again before the job ran: the lead's current owner gets their own notification.
  if (reason === "reassigned" && input.toUserId && input.toUserId !== row.repId)
    return { status: "skipped", reason: "reassigned_again" };

  const urgent = row.score >= URGENT_SCORE;
  const wants = describeLeadWants(
    readLead({ vehicleInterest: row.vehicleInterest, message: row.initialMessage }),
  );
  const facts = { ...row, ...input, urgent, wants };
  const wanted = resolveNotificationChannels(row.prefs, notificationEventOf(reason));
  // Only a number the rep proved is theirs (the SMS code on My profile) is texted about leads.
  const repPhone = row.repPhoneVerifiedAt ? normalisePhone(row.repPhone) : null;
  const wantsSms = Boolean(repPhone && wanted.sms);
  const email = row.repEmail && wanted.email ? composeRepEmail(facts) : null;
  if (!wantsSms && !email)
    return {
      status: "skipped",
      reason: !row.repPhone ? "rep_has_no_phone" : !repPhone ? "rep_phone_unverified" : "rep_sms_off",
    };

  const holdMinutes = wantsSms && !urgent ? minutesOfQuietLeft(row.prefs!, row.timezone, now) : 0;
  const channels: ("sms" | "email")[] = [];
  if (wantsSms && holdMinutes === 0) {
    const started = Date.now();
    const sent = await deliverSms(tenant, {
      leadId,
      to: repPhone!,
      body: composeRepSms(facts),
      idempotencyKey: smsKey(input, row.submissionCount),
    });
    await withTenant(dealershipId, (tx) =>
      tx.insert(leadEvents).values({
        dealershipId,
        leadId,
        type: "sms.sent",
        actorType: "system",
        data: {
          kind: reason,
          to: row.repId,
          outboxId: sent.outboxId,
          urgent,
          durationMs: Date.now() - started,
          ...(sent.duplicate && { duplicate: true }),
        },
      }),
    );
    channels.push("sms");
  }
  if (email) {
    await sendUserEmail(tenant, {
      to: row.repEmail!,
      fromName: `Norvalt for ${row.dealershipName}`,
      ...email,
      leadId,
      idempotencyKey:
        reason === "replied"
          ? `notify-rep:replied-email:${input.emailId ?? input.messageId ?? leadId}`
          : `notify-rep:email:${smsKey(input, row.submissionCount)}`,
    });
    channels.push("email");
  }
  if (holdMinutes > 0) {
    const startAfter = new Date(now.getTime() + holdMinutes * 60_000);
    await withTenant(dealershipId, async (tx) => {
      await tx.insert(leadEvents).values({
        dealershipId,
        leadId,
        type: "sms.held",
        actorType: "system",
        data: { kind: reason, until: startAfter.toISOString(), reason: "quiet_hours" },
      });
      // The whole notification comes back then; its e-mail, sent already, is a duplicate and not sent again.
      await enqueue("rep.notify", { ...input, dealershipId }, { tx, startAfter });
    });
    return { status: "held", reason: "quiet_hours", channels };
  }
  return { status: "sent", channels };
}

/**
 * Which of the user's notification switches (My profile → Varsler) a reason answers to. A draft waiting for
 * approval is how a new lead reaches the rep in draft mode; a bounce, a merged lead and a lead handed over from a
 * colleague who left are news about a lead the rep has to act on like a new one, so all follow "Ny lead"; the
 * customer's reply has its own switch.
 */
export function notificationEventOf(reason: RepNotifyReason): NotificationEvent {
  return reason === "replied" || reason === "handed_off" ? "customer_replied" : "new_lead";
}

/**
 * One SMS per lead and occasion, however often the job runs (a merged lead: per submission). The keys are the
 * ones the two earlier rep-SMS jobs used, so a job queued before the rename does not text the rep twice.
 */
function smsKey(input: NotifyRepInput, submissionCount: number): string {
  const reason: RepNotifyReason = input.reason;
  switch (reason) {
    case "new_lead":
      return `rep-sms:${reason}:${input.leadId}`;
    // A draft answer to a customer's later message names its own draft: one SMS per draft.
    case "draft_ready":
      return input.messageId ? `rep-sms:draft_ready:${input.messageId}` : `rep-sms:${reason}:${input.leadId}`;
    case "handed_off":
      return `notify-rep:handed_off:${input.messageId ?? input.leadId}`;
    // The address is suppressed after the first bounce, so a second bounce on the same lead is not expected.
    case "bounced":
      return `notify-rep:bounced:${input.leadId}`;
    case "replied":
      return `notify-rep:replied:${input.emailId ?? input.messageId ?? input.leadId}`;
    case "merged":
      return `notify-rep:${input.leadId}:${submissionCount}`;
    case "reassigned":
      return `notify-rep:reassigned:${input.leadId}:${input.toUserId ?? ""}`;
  }
}
