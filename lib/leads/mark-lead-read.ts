import { sql } from "drizzle-orm";
import { leadReads } from "../../db/schema/lead-work.ts";
import { withTenant } from "../db/tenant.ts";
import type { Session } from "../auth/session-types.ts";

/** The signed-in user opened the lead: it is read for them until something new happens (the inbox's unread dot). */
export async function markLeadRead(session: Pick<Session, "dealershipId" | "userId">, leadId: string) {
  await withTenant(session.dealershipId, (tx) =>
    tx
      .insert(leadReads)
      .values({ dealershipId: tx.dealershipId, userId: session.userId, leadId, readAt: new Date() })
      .onConflictDoUpdate({
        target: [leadReads.userId, leadReads.leadId],
        set: { readAt: sql`excluded.read_at` },
      }),
  );
}
