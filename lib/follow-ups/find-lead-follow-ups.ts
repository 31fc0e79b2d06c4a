import { and, asc, eq } from "drizzle-orm";
import { followUps } from "../../db/schema/follow-ups.ts";
import { leads } from "../../db/schema/leads.ts";
import { withTenant, type Tenant } from "../db/tenant.ts";

export type LeadFollowUp = Pick<
  typeof followUps.$inferSelect,
  "id" | "kind" | "step" | "channel" | "dueAt" | "status" | "stopReason" | "sentAt" | "consentBasis"
>;

/** The lead page's follow-up card: the lead's follow-ups in order, and whether it is switched to "Ingen oppfølging". */
export async function findLeadFollowUps(
  tenant: Tenant,
  leadId: string,
): Promise<{ off: boolean; followUps: LeadFollowUp[] } | null> {
  return withTenant(tenant.dealershipId, async (tx) => {
    const [lead] = await tx
      .select({ off: leads.followUpsOff })
      .from(leads)
      .where(and(eq(leads.id, leadId), eq(leads.dealershipId, tx.dealershipId)));
    if (!lead) return null;
    const rows = await tx
      .select({
        id: followUps.id,
        kind: followUps.kind,
        step: followUps.step,
        channel: followUps.channel,
        dueAt: followUps.dueAt,
        status: followUps.status,
        stopReason: followUps.stopReason,
        sentAt: followUps.sentAt,
        consentBasis: followUps.consentBasis,
      })
      .from(followUps)
      .where(and(eq(followUps.leadId, leadId), eq(followUps.dealershipId, tx.dealershipId)))
      .orderBy(asc(followUps.dueAt));
    return { off: lead.off, followUps: rows };
  });
}
