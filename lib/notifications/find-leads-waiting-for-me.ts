import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";

const MAX_LEADS = 50;

/**
 * The signed-in person's leads where the customer had the last word: a new lead (its first message or its arrival, not yet
 * answered by one of us) or a customer's reply newer than our last own reply. AI replies do not count as
 * answered, because the AI only sends the first reply. Open leads only (not won, lost or spam), newest first.
 * Drives the tab title's count, the favicon badge and browser notifications.
 */
export function findLeadsWaitingForMe(session: Session) {
  return withTenant(session.dealershipId, async (tx) => {
    const inbound = and(
      eq(conversations.leadId, leads.id),
      eq(conversations.dealershipId, leads.dealershipId),
      eq(conversations.direction, "inbound"),
    );
    // A lead without any message of the customer's (name and e-mail only) waits from when it came in.
    const lastIn = sql<string>`coalesce((select max(${conversations.createdAt}) from ${conversations} where ${inbound}), ${leads.createdAt})`;
    const inboundCount = sql<number>`(select count(*)::int from ${conversations} where ${inbound})`;
    const lastHuman = sql<string | null>`(select max(${conversations.createdAt}) from ${conversations}
      where ${conversations.leadId} = ${leads.id} and ${conversations.dealershipId} = ${leads.dealershipId}
        and ${conversations.direction} = 'outbound' and ${conversations.senderType} = 'human')`;
    const rows = await tx
      .select({
        id: leads.id,
        name: leads.customerName,
        lastInboundAt: lastIn.mapWith(String),
        inboundCount,
      })
      .from(leads)
      .where(
        and(
          eq(leads.dealershipId, tx.dealershipId),
          eq(leads.assignedTo, session.userId),
          eq(leads.isSpam, false),
          notInArray(leads.status, ["won", "lost"]),
          sql`${lastIn} > coalesce(${lastHuman}, '-infinity'::timestamptz)`,
        ),
      )
      .orderBy(desc(lastIn))
      .limit(MAX_LEADS);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: (r.inboundCount > 1 ? "reply" : "new") as "new" | "reply",
      at: new Date(r.lastInboundAt).toISOString(),
    }));
  });
}
