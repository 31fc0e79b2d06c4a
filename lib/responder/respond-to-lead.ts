import { and, eq, sql } from "drizzle-orm";
import { getEnv } from "../../env.ts";
import { conversations, leadEvents, leadStatusHistory } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { users } from "../../db/schema/users.ts";
import { withTenant } from "../db/tenant.ts";
import { getMailer } from "../integrations/mailer/mailer.ts";
import { getSmsSender } from "../integrations/sms/sms.ts";
import { composeBuiltInReply } from "./compose-built-in-reply.ts";

type Outcome = { status: "sent" | "skipped"; reason?: string };

/**
 * The lead.respond job: first reply to the customer by e-mail, then an SMS to the assigned rep. Safe to retry:
 * the outbox idempotency keys make a repeated send return the first message, and the reply is recorded once.
 */
export async function respondToLead({
  leadId,
  dealershipId,
}: {
  leadId: string;
  dealershipId: string;
}): Promise<Outcome> {
  const context = await withTenant(dealershipId, async (tx) => {
    const [row] = await tx
      .select({
        lead: leads,
        dealershipName: dealerships.name,
        aiMode: dealerships.aiMode,
        branding: dealerships.branding,
      })
      .from(leads)
      .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
    if (!row) return null;
    const [rep] = row.lead.assignedTo
      ? await tx
          .select({
            name: users.name,
            phone: users.phone,
            prefs: users.notificationPreferences,
            isActive: users.isActive,
          })
          .from(users)
          .where(eq(users.id, row.lead.assignedTo))
      : [];
    return { ...row, rep };
  });
  if (!context) return { status: "skipped", reason: "lead_not_found" };
  const { lead } = context;
  const skip = lead.firstResponseAt
    ? "already_answered"
    : lead.isSpam || lead.isTest
      ? "spam_or_test"
      : lead.aiPaused || context.aiMode !== "autopilot"
        ? "ai_off"
        : !lead.customerEmail
          ? "no_email"
          : null;
  if (skip) return { status: "skipped", reason: skip };

  const reply = composeBuiltInReply({
    customerName: lead.customerName,
    vehicleInterest: lead.vehicleInterest,
    dealershipName: context.dealershipName,
    repName: context.rep?.name ?? null,
    signature: context.branding.emailSignature,
  });
  const sent = await getMailer().sendEmail({
    dealershipId,
    to: lead.customerEmail!,
    subject: reply.subject,
    text: reply.text,
    leadId,
    idempotencyKey: `lead-respond:${leadId}`,
  });
  await recordReply(dealershipId, leadId, reply, sent.outboxId);

  const rep = context.rep;
  if (rep?.isActive && rep.phone && rep.prefs.sms) {
    const who = lead.customerName ?? lead.customerEmail;
    await getSmsSender().sendSms({
      dealershipId,
      to: rep.phone,
      body: `Nytt lead: ${who}${lead.vehicleInterest ? ` – ${lead.vehicleInterest}` : ""}. Kunden har fått svar. ${new URL(`/leads/${leadId}`, getEnv().APP_URL)}`,
      leadId,
      idempotencyKey: `lead-respond-sms:${leadId}`,
    });
  }
  return { status: "sent" };
}

async function recordReply(
  dealershipId: string,
  leadId: string,
  reply: { subject: string; text: string },
  outboxId: string,
) {
  await withTenant(dealershipId, async (tx) => {
    // Lock the lead: a retry racing the first attempt must not record the reply twice.
    const [lead] = await tx
      .select({ status: leads.status, createdAt: leads.createdAt, firstResponseAt: leads.firstResponseAt })
      .from(leads)
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)))
      .for("update");
    if (!lead || lead.firstResponseAt) return;
    const now = new Date();
    await tx.insert(conversations).values({
      dealershipId,
      leadId,
      channel: "email",
      direction: "outbound",
      sender: "AI",
      senderType: "ai",
      subject: reply.subject,
      messageContent: reply.text,
      deliveryStatus: "sent",
      metadata: { outboxId, responder: "built-in" },
    });
    await tx
      .update(leads)
      .set({
        firstResponseAt: now,
        firstResponseSeconds: Math.max(0, Math.round((now.getTime() - lead.createdAt.getTime()) / 1000)),
        lastContactAt: now,
        updatedAt: now,
        status: sql`case when ${leads.status} = 'new' then 'contacted' else ${leads.status} end`,
      })
      .where(eq(leads.id, leadId));
    if (lead.status === "new") {
      await tx
        .insert(leadStatusHistory)
        .values({ dealershipId, leadId, oldStatus: "new", newStatus: "contacted" });
    }
    await tx
      .insert(leadEvents)
      .values({ dealershipId, leadId, type: "ai.reply_sent", actorType: "ai", data: { outboxId } });
  });
}
