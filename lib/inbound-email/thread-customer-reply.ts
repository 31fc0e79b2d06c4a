import { and, eq, sql } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import { recordCustomerReply } from "../conversations/record-customer-reply.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";
import { enqueue } from "../jobs/enqueue.ts";
import type { InboundMessage } from "./inbound-message.ts";
import { stripQuotedReply } from "./parsers/strip-quoted-reply.ts";

/**
 * A customer's answer to one of our e-mails (sent to the lead's reply+<token> address): appended to the lead's
 * conversation without quoted history or signature, the AI's unsent messages to them are cancelled, and the
 * assigned rep is told at once; then `conversation.reply` decides whether the AI drafts an answer (draft mode by
 * default), hands the lead to a person, or leaves it to them. False when the lead is not this
 * dealership's (deleted since, or a token from elsewhere).
 */
export async function threadCustomerReply(
  tenant: Tenant,
  { leadId, emailId, message }: { leadId: string; emailId: string; message: InboundMessage },
): Promise<boolean> {
  const { dealershipId } = tenant;
  const text = stripQuotedReply(message.text).trim() || message.text.trim() || "(tom melding)";
  return withTenant(dealershipId, async (tx) => {
    const [lead] = await tx
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)))
      .for("no key update");
    if (!lead) return false;
    // A retried job must not append the reply twice.
    const [already] = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.leadId, leadId),
          eq(conversations.dealershipId, dealershipId),
          sql`${conversations.metadata}->>'emailId' = ${emailId}`,
        ),
      );
    if (already) return true;
    const now = new Date();
    const [stored] = await tx
      .insert(conversations)
      .values({
        dealershipId,
        leadId,
        channel: "email",
        direction: "inbound",
        sender: message.from?.name ?? message.from?.address ?? null,
        senderType: "customer",
        subject: message.subject.slice(0, 500) || null,
        messageContent: text.slice(0, 20_000),
        metadata: {
          via: "email_reply",
          emailId,
          messageId: message.messageId,
          from: message.from?.address ?? null,
        },
        createdAt: now,
      })
      .returning({ id: conversations.id });
    await recordCustomerReply(tx, { leadId, now, data: { channel: "email", emailId } });
    await enqueue("rep.notify", { leadId, dealershipId, reason: "replied", emailId }, { tx });
    // The conversation rules decide whether the AI drafts an answer (lib/conversations/answer-customer-reply.ts).
    await enqueue("conversation.reply", { leadId, dealershipId, messageId: stored!.id }, { tx });
    return true;
  });
}
