import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { followUps } from "../../db/schema/follow-ups.ts";
import { leads } from "../../db/schema/leads.ts";
import { addDays, startOfZonedDay, zonedToday } from "../dates/time-zone.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";

export type DueFollowUp = {
  id: string;
  leadId: string;
  customerName: string | null;
  step: number;
  channel: "email" | "sms";
  dueAt: Date;
  status: string;
  today: boolean;
};

/**
 * The dashboard's list: the dealership's follow-up messages due from now to the end of the coming 7 days (its
 * zone), soonest first; a rep sees the leads assigned to them. At most 200.
 */
export async function findDueFollowUps(
  tenant: Tenant & { userId?: string; role?: string },
  now = new Date(),
): Promise<DueFollowUp[]> {
  return withTenant(tenant.dealershipId, async (tx) => {
    const [d] = await tx
      .select({ timezone: dealerships.timezone })
      .from(dealerships)
      .where(eq(dealerships.id, tx.dealershipId));
    const today = zonedToday(d!.timezone, now);
    const endOfToday = startOfZonedDay(addDays(today, 1), d!.timezone);
    const endOfWeek = startOfZonedDay(addDays(today, 7), d!.timezone);
    const rows = await tx
      .select({
        id: followUps.id,
        leadId: followUps.leadId,
        customerName: leads.customerName,
        step: followUps.step,
        channel: followUps.channel,
        dueAt: followUps.dueAt,
        status: followUps.status,
      })
      .from(followUps)
      .innerJoin(leads, and(eq(leads.id, followUps.leadId), eq(leads.dealershipId, followUps.dealershipId)))
      .where(
        and(
          eq(followUps.dealershipId, tx.dealershipId),
          eq(followUps.kind, "message"),
          inArray(followUps.status, ["scheduled", "queued", "awaiting_approval"]),
          gte(followUps.dueAt, startOfZonedDay(today, d!.timezone)),
          lt(followUps.dueAt, endOfWeek),
          tenant.role === "sales_rep" && tenant.userId ? eq(leads.assignedTo, tenant.userId) : undefined,
        ),
      )
      .orderBy(asc(followUps.dueAt))
      .limit(200);
    return rows.map((r) => ({ ...r, today: r.dueAt < endOfToday }));
  });
}
