import { and, asc, eq } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { dealerships } from "../../db/schema/dealerships.ts";
import { followUps } from "../../db/schema/follow-ups.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { planFollowUps } from "../../lib/follow-ups/plan-follow-ups.ts";
import { FIRST_REPLY } from "../../lib/responder/load-reply-context.ts";
import { createTestDealership, createTestLead } from "./factories.ts";

const weekday = [{ open: "09:00", close: "17:00" }];
/** Monday to Friday 09–17, Norwegian holidays closed. */
export const WEEKDAY_HOURS = {
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: weekday,
  sat: [],
  sun: [],
} as typeof dealerships.$inferInsert.businessHours;

/** Monday 2 November 2026, 10:00 in Oslo: the first reply's send time in these tests. */
export const FIRST_REPLY_AT = new Date("2026-11-02T09:00:00Z");

export async function createFollowUpDealership(overrides: Partial<typeof dealerships.$inferInsert> = {}) {
  return createTestDealership({
    name: "Oppfølging Bil AS",
    businessHours: WEEKDAY_HOURS,
    timezone: "Europe/Oslo",
    ...overrides,
  });
}

/** A contacted lead whose first reply went out at `sentAt`, with its follow-ups planned the way a send plans them. */
export async function createLeadWithPlan(
  dealershipId: string,
  overrides: Parameters<typeof createTestLead>[1] = {},
  sentAt = FIRST_REPLY_AT,
) {
  const lead = await createTestLead(dealershipId, {
    status: "contacted",
    createdAt: new Date(sentAt.getTime() - 60_000),
    ...overrides,
  });
  await withTenant(dealershipId, async (tx) => {
    const [reply] = await tx
      .insert(conversations)
      .values({
        dealershipId,
        leadId: lead.id,
        channel: "email",
        direction: "outbound",
        sender: "AI",
        senderType: "ai",
        subject: "Takk for henvendelsen",
        messageContent: "Takk!",
        deliveryStatus: "sent",
        metadata: { kind: FIRST_REPLY },
        createdAt: sentAt,
      })
      .returning({ id: conversations.id });
    await planFollowUps(tx, { leadId: lead.id, conversationId: reply!.id, sentAt });
    // The plan exists from the send on (the stop rules compare with it).
    await tx.update(followUps).set({ createdAt: sentAt }).where(eq(followUps.leadId, lead.id));
  });
  return lead;
}

export async function followUpsOf(dealershipId: string, leadId: string) {
  return withTenant(dealershipId, (tx) =>
    tx
      .select()
      .from(followUps)
      .where(and(eq(followUps.leadId, leadId), eq(followUps.dealershipId, dealershipId)))
      .orderBy(asc(followUps.dueAt)),
  );
}

/** The sweep's claim for one row, without the queue: scheduled → queued. */
export async function markQueued(dealershipId: string, followUpId: string) {
  await withTenant(dealershipId, (tx) =>
    tx.update(followUps).set({ status: "queued" }).where(eq(followUps.id, followUpId)),
  );
}
