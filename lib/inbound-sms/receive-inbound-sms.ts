import { and, eq } from "drizzle-orm";
import { conversations, leadEvents } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import type { InboundSmsOutcome } from "../../db/schema/enums.ts";
import { suppressions } from "../../db/schema/operations.ts";
import { inboundSms } from "../../db/schema/sms.ts";
import { cancelUnsentAiMessages } from "../conversations/cancel-unsent-ai-messages.ts";
import { recordCustomerReply } from "../conversations/record-customer-reply.ts";
import { withTenant, type TenantTx } from "../db/tenant.ts";
import type { InboundSmsParams } from "../integrations/sms/read-inbound-sms.ts";
import { enqueue } from "../jobs/enqueue.ts";
import { ingestLead } from "../leads/ingest-lead.ts";
import { normalisePhone } from "../leads/normalise-contact.ts";
import { sendSmsKeywordAnswer } from "../messaging/send-sms-keyword-answer.ts";
import { suppressAddressInTx } from "../suppressions/suppress-address.ts";
import { hashSuppressionAddress } from "../suppressions/hash-suppression-address.ts";
import { findSmsThread } from "./find-sms-thread.ts";
import { routeInboundSms } from "./route-inbound-sms.ts";
import { readSmsKeyword, type SmsKeyword } from "./sms-keywords.ts";

export type ReceivedSms = {
  status: InboundSmsOutcome | "duplicate";
  dealershipId?: string;
  leadId?: string | null;
};

const KEYWORD_OUTCOME: Record<SmsKeyword, InboundSmsOutcome> = {
  stop: "opted_out",
  start: "opted_in",
  help: "help",
};

/**
 * One verified inbound SMS from Twilio. Routed to a dealership (its own number, or the customer's last
 * conversation on the shared number), recorded once per MessageSid (a retried webhook changes nothing), then:
 * a STOP/START/HELP keyword (Norwegian and English) updates the suppression list; any other text is threaded into
 * the customer's open lead — the AI's unsent messages are cancelled and `conversation.reply` decides whether the
 * AI drafts an answer — or starts a new lead (source `sms`) through ingestLead. MMS media are referenced by URL.
 */
export async function receiveInboundSms(sms: InboundSmsParams, now = new Date()): Promise<ReceivedSms> {
  const phone = normalisePhone(sms.from) ?? sms.from;
  const route = await routeInboundSms({ to: sms.to, from: phone, messageSid: sms.messageSid });
  const { dealershipId } = route;
  if (!dealershipId) return { status: "unrouted" };
  if (route.duplicate) return { status: "duplicate", dealershipId };
  const tenant = { dealershipId };
  const keyword = readSmsKeyword(sms.body, sms.optOutType);
  const text = describeSms(sms);

  const first = await withTenant(dealershipId, async (tx) => {
    if (keyword) {
      const leadId = await findSmsThread(tx, { phone, now, anyStatus: true });
      if (!(await claim(tx, sms, phone, KEYWORD_OUTCOME[keyword.keyword], leadId)))
        return { duplicate: true } as const;
      const conversationId = leadId
        ? await recordMessage(tx, leadId, sms, phone, text, now, keyword.keyword)
        : null;
      await applyKeyword(tx, keyword.keyword, phone, leadId);
      if (conversationId) await setConversation(tx, sms.messageSid, conversationId);
      const [dealership] = await tx
        .select({
          name: dealerships.name,
          phone: dealerships.phone,
          number: dealerships.smsNumber,
          senderId: dealerships.smsSenderId,
        })
        .from(dealerships)
        .where(eq(dealerships.id, dealershipId));
      return { status: KEYWORD_OUTCOME[keyword.keyword], leadId, keyword, dealership: dealership! } as const;
    }
    const leadId = await findSmsThread(tx, { phone, now });
    if (!leadId) return { newLead: true } as const;
    if (!(await claim(tx, sms, phone, "threaded", leadId))) return { duplicate: true } as const;
    const conversationId = await recordMessage(tx, leadId, sms, phone, text, now, null);
    await setConversation(tx, sms.messageSid, conversationId);
    await recordCustomerReply(tx, {
      leadId,
      now,
      data: { channel: "sms", conversationId, media: sms.media.length },
    });
    await enqueue("conversation.reply", { leadId, messageId: conversationId, dealershipId }, { tx });
    return { status: "threaded", leadId } as const;
  });

  if ("duplicate" in first) return { status: "duplicate", dealershipId };
  if ("newLead" in first) {
    // ingestLead dedupes on (source, external id) itself, so a retry racing this one finds the same lead.
    const result = await ingestLead(tenant, {
      source: "sms",
      phone,
      message: text,
      externalId: sms.messageSid,
      metadata: { to: sms.to, messageSid: sms.messageSid, ...(sms.media.length && { media: sms.media }) },
    });
    await withTenant(dealershipId, (tx) => claim(tx, sms, phone, "new_lead", result.leadId));
    return { status: "new_lead", dealershipId, leadId: result.leadId };
  }
  if (
    "keyword" in first &&
    first.keyword &&
    !first.keyword.answeredByTwilio &&
    first.keyword.keyword !== "start"
  ) {
    await sendSmsKeywordAnswer(tenant, {
      keyword: first.keyword.keyword === "stop" ? "stop" : "help",
      to: phone,
      from: first.dealership.number ?? first.dealership.senderId,
      dealershipName: first.dealership.name,
      dealershipPhone: first.dealership.phone,
      leadId: first.leadId,
      messageSid: sms.messageSid,
    });
  }
  return { status: first.status, dealershipId, leadId: first.leadId };
}

/** The message as the thread shows it: the text, and a line per MMS attachment (referenced, not fetched). */
function describeSms(sms: InboundSmsParams): string {
  const media = sms.media.map((m) => `[Vedlegg: ${m.contentType ?? "ukjent type"}]`);
  return [sms.body.trim(), ...media].filter(Boolean).join("\n").slice(0, 20_000) || "(tom melding)";
}

/** Records the MessageSid; false when it is known already (Twilio delivered it before). */
async function claim(
  tx: TenantTx,
  sms: InboundSmsParams,
  phone: string,
  outcome: InboundSmsOutcome,
  leadId: string | null,
): Promise<boolean> {
  const rows = await tx
    .insert(inboundSms)
    .values({
      dealershipId: tx.dealershipId,
      messageSid: sms.messageSid,
      fromNumber: phone,
      toNumber: sms.to,
      body: sms.body.slice(0, 20_000),
      media: sms.media,
      numSegments: sms.numSegments,
      outcome,
      leadId,
    })
    .onConflictDoNothing({ target: inboundSms.messageSid })
    .returning({ id: inboundSms.id });
  return rows.length > 0;
}

async function setConversation(tx: TenantTx, messageSid: string, conversationId: string) {
  await tx
    .update(inboundSms)
    .set({ conversationId })
    .where(and(eq(inboundSms.messageSid, messageSid), eq(inboundSms.dealershipId, tx.dealershipId)));
}

async function recordMessage(
  tx: TenantTx,
  leadId: string,
  sms: InboundSmsParams,
  phone: string,
  text: string,
  now: Date,
  keyword: SmsKeyword | null,
): Promise<string> {
  const [row] = await tx
    .insert(conversations)
    .values({
      dealershipId: tx.dealershipId,
      leadId,
      channel: "sms",
      direction: "inbound",
      sender: phone,
      senderType: "customer",
      messageContent: text,
      providerMessageId: sms.messageSid,
      metadata: {
        via: "sms",
        to: sms.to,
        ...(sms.media.length && { media: sms.media }),
        ...(keyword && { keyword }),
      },
      createdAt: now,
    })
    .returning({ id: conversations.id });
  return row!.id;
}

/** STOP: no more SMS to this number (and the AI's unsent ones stopped); START: the customer's own stop lifted. */
async function applyKeyword(tx: TenantTx, keyword: SmsKeyword, phone: string, leadId: string | null) {
  if (keyword === "help") return;
  if (keyword === "stop") {
    await suppressAddressInTx(
      tx,
      { channel: "sms", address: phone, reason: "unsubscribe", ...(leadId && { leadId }) },
      { actorType: "customer" },
    );
    if (leadId) await cancelUnsentAiMessages(tx, leadId, "customer_replied");
  } else {
    // Only the customer's own STOP is lifted: a dealership's manual block stays.
    await tx
      .delete(suppressions)
      .where(
        and(
          eq(suppressions.dealershipId, tx.dealershipId),
          eq(suppressions.channel, "sms"),
          eq(suppressions.address, hashSuppressionAddress("sms", phone)),
          eq(suppressions.reason, "unsubscribe"),
        ),
      );
  }
  if (leadId)
    await tx.insert(leadEvents).values({
      dealershipId: tx.dealershipId,
      leadId,
      type: keyword === "stop" ? "sms.opted_out" : "sms.opted_in",
      actorType: "customer",
      data: { channel: "sms" },
    });
}
