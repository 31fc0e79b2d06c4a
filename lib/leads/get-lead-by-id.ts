import { and, asc, eq } from "drizzle-orm";
import { conversations } from "../../db/schema/conversations.ts";
import { leads } from "../../db/schema/leads.ts";
import type { Tx } from "../db/tenant.ts";

/** One lead with its conversation, or null: another dealership's id looks exactly like a missing one. */
export async function getLeadById(tx: Tx, dealershipId: string, leadId: string) {
  const [lead] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.id, leadId), eq(leads.dealershipId, dealershipId)));
  if (!lead) return null;
  const messages = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.leadId, leadId), eq(conversations.dealershipId, dealershipId)))
    .orderBy(asc(conversations.createdAt));
  return { lead, conversations: messages };
}
