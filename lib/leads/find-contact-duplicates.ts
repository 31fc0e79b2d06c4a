import { and, desc, eq, ne, or, type SQL } from "drizzle-orm";
import { leads } from "../../db/schema/leads.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";

const MAX_SUGGESTIONS = 5;

/**
 * Other leads of this dealership with the same phone (E.164) or e-mail (lower-cased) as this one: the lead page
 * suggests them as the same customer. Spam is left out; newest first.
 */
export function findContactDuplicates(
  tenant: Tenant,
  lead: { id: string; emailNormalized: string | null; phoneNormalized: string | null },
) {
  const same: SQL[] = [];
  if (lead.phoneNormalized) same.push(eq(leads.phoneNormalized, lead.phoneNormalized));
  if (lead.emailNormalized) same.push(eq(leads.emailNormalized, lead.emailNormalized));
  if (same.length === 0) return Promise.resolve([]);
  return withTenant(tenant.dealershipId, async (tx) => {
    const rows = await tx
      .select({
        id: leads.id,
        customerName: leads.customerName,
        createdAt: leads.createdAt,
        status: leads.status,
        phoneNormalized: leads.phoneNormalized,
        emailNormalized: leads.emailNormalized,
      })
      .from(leads)
      .where(
        and(
          eq(leads.dealershipId, tx.dealershipId),
          ne(leads.id, lead.id),
          eq(leads.isSpam, false),
          or(...same),
        ),
      )
      .orderBy(desc(leads.createdAt))
      .limit(MAX_SUGGESTIONS);
    return rows.map(({ phoneNormalized, emailNormalized, ...row }) => ({
      ...row,
      samePhone: Boolean(lead.phoneNormalized) && phoneNormalized === lead.phoneNormalized,
      sameEmail: Boolean(lead.emailNormalized) && emailNormalized === lead.emailNormalized,
    }));
  });
}
