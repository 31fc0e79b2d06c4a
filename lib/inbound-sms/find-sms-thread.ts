import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { leads } from "../../db/schema/leads.ts";
import type { TenantTx } from "../db/tenant.ts";

/**
 * How long after the last message in either direction a customer's SMS still continues that conversation. Longer
 * than ingestLead's 7-day merge window on purpose: an answer to our SMS of last week belongs to that lead, even
 * when the lead itself is older than the merge window.
 */
export const SMS_THREAD_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The lead a customer's SMS continues, by number and recency: the dealership's open lead (not won or lost, not
 * spam, not merged away) with this phone whose conversation moved last, within SMS_THREAD_WINDOW_MS. Null: it
 * starts a new lead. `anyStatus`: for STOP/START/HELP, which belong on the latest lead whatever its status.
 */
export async function findSmsThread(
  tx: TenantTx,
  input: { phone: string; now: Date; anyStatus?: boolean },
): Promise<string | null> {
  const lastMoved = sql<Date>`greatest(
    coalesce(${leads.lastInboundAt}, ${leads.createdAt}),
    coalesce(${leads.lastOutboundAt}, ${leads.createdAt}),
    ${leads.createdAt})`;
  const since = new Date(input.now.getTime() - SMS_THREAD_WINDOW_MS);
  const [lead] = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.dealershipId, tx.dealershipId),
        eq(leads.phoneNormalized, input.phone),
        eq(leads.isSpam, false),
        isNull(leads.duplicateOfLeadId),
        input.anyStatus ? undefined : inArray(leads.status, ["new", "contacted", "qualified"]),
        input.anyStatus ? undefined : sql`${lastMoved} >= ${since.toISOString()}`,
      ),
    )
    .orderBy(desc(lastMoved), desc(leads.createdAt))
    .limit(1);
  return lead?.id ?? null;
}
