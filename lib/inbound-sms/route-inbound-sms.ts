import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { withSystem } from "../db/tenant.ts";

/**
 * Which dealership a customer's SMS is for (cross-tenant, so withSystem): the dealership whose own number was
 * texted; else — the installation's shared number — the dealership of the customer's most recent conversation
 * among those without a number of their own. Null: nobody we know (a stranger texting the shared number).
 */
export async function routeInboundSms(sms: { to: string; from: string }): Promise<string | null> {
  return withSystem(async (tx) => {
    const [own] = await tx
      .select({ id: dealerships.id })
      .from(dealerships)
      .where(eq(dealerships.smsNumber, sms.to));
    if (own) return own.id;
    const [last] = await tx
      .select({ dealershipId: leads.dealershipId })
      .from(leads)
      .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
      .where(and(eq(leads.phoneNormalized, sms.from), isNull(dealerships.smsNumber)))
      .orderBy(desc(sql`coalesce(${leads.lastActivityAt}, ${leads.createdAt})`))
      .limit(1);
    return last?.dealershipId ?? null;
  });
}
