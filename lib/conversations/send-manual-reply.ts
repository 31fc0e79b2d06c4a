import { and, eq } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { actorTypeOf, type LeadActor } from "../leads/lead-actor.ts";
import { queueCustomerMessage } from "../messaging/queue-customer-message.ts";

export type ManualReply = { leadId: string; channel: "email" | "sms"; subject?: string; body: string };

/**
 * A rep's own message to the customer. Stored as `pending` (so the thread shows it at once) and handed to the
 * same sending path as the AI's replies, in the same transaction (lib/messaging: customer.send-email or
 * customer.send-sms, through the mailer and SMS ports; outbox without vendor keys). Suppressed addresses are
 * checked by the jobs.
 */
export async function sendManualReply(actor: LeadActor, reply: ManualReply) {
  const { dealershipId } = actor;
  return withTenant(dealershipId, async (tx) => {
    const [lead] = await tx
      .select({ email: leads.customerEmail, phone: leads.phoneNormalized })
      .from(leads)
      .where(and(eq(leads.id, reply.leadId), eq(leads.dealershipId, dealershipId)));
    if (!lead) throw new AppError("not_found", "Fant ikke leadet");
    if (reply.channel === "email" ? !lead.email : !lead.phone) {
      const message =
        reply.channel === "email"
          ? "Kunden har ingen e-postadresse"
          : "Kunden har ikke et gyldig mobilnummer";
      throw new AppError("bad_request", message, { fieldErrors: { channel: [message] } });
    }
    const [message] = await tx
      .insert(conversations)
      .values({
        dealershipId,
        leadId: reply.leadId,
        channel: reply.channel,
        direction: "outbound",
        sender: actor.name,
        senderType: "human",
        senderUserId: actor.userId,
        subject: reply.channel === "email" ? reply.subject || null : null,
        messageContent: reply.body,
        deliveryStatus: "pending",
        metadata: { manual: true },
      })
      .returning();
    await tx.insert(leadEvents).values({
      dealershipId,
      leadId: reply.leadId,
      type: "message.manual",
      actorType: actorTypeOf(actor),
      actorUserId: actor.userId,
      data: { conversationId: message!.id, channel: reply.channel },
    });
    await queueCustomerMessage(tx, {
      conversationId: message!.id,
      leadId: reply.leadId,
      channel: reply.channel,
    });
    return message!;
  });
}
