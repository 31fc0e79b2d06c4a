import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { dealerships } from "../../db/schema/dealerships.ts";
import { leads } from "../../db/schema/leads.ts";
import { inboundSms } from "../../db/schema/sms.ts";
import { withSystem, type Tx } from "../db/tenant.ts";

/**
 * Which dealership a customer's SMS is for (cross-tenant, so withSystem): the dealership whose own number was
 * texted; else — the installation's shared number — the dealership of the customer's most recent conversation
 * among those without a number of their own. Null: nobody we know (a stranger texting the shared number).
 * `duplicate`: Twilio delivered this MessageSid before.
 */
export async function routeInboundSms(sms: {
  to: string;
  from: string;
  messageSid: string;
}): Promise<{ dealershipId: string | null; duplicate: boolean }> {
  return withSystem(async (tx) => {
    // MessageSid is Twilio's global id: a delivery any dealership stored already is a retry (RLS would hide it
    // from the tenant's own transaction).
    const [known] = await tx
      .select({ dealershipId: inboundSms.dealershipId })
      .from(inboundSms)
      .where(eq(inboundSms.messageSid, sms.messageSid));
    if (known) return { dealershipId: known.dealershipId, duplicate: true };
    return { dealershipId: await findDealership(tx, sms), duplicate: false };
  });
}

async function findDealership(tx: Tx, sms: { to: string; from: string }): Promise<string | null> {
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
}
