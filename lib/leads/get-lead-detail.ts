import { and, asc, eq } from "drizzle-orm";
import { leadEvents } from "../../db/schema/conversations.ts";
import { users } from "../../db/schema/users.ts";
import type { Tx } from "../db/tenant.ts";
import { getLeadById } from "./get-lead-by-id.ts";

/** Everything the lead page shows: the lead, its conversation, its timeline and the assigned rep's name. */
export async function getLeadDetail(tx: Tx, dealershipId: string, leadId: string) {
  const found = await getLeadById(tx, dealershipId, leadId);
  if (!found) return null;
  const events = await tx
    .select()
    .from(leadEvents)
    .where(and(eq(leadEvents.leadId, leadId), eq(leadEvents.dealershipId, dealershipId)))
    .orderBy(asc(leadEvents.createdAt));
  const [rep] = found.lead.assignedTo
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, found.lead.assignedTo))
    : [];
  return { ...found, events, assignedToName: rep?.name ?? null };
}
